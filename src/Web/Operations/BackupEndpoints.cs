using Engagement.Silo.Hosting;
using Engagement.Web.Access;

namespace Engagement.Web.Operations;

/// <summary>
/// The console's 备份 card: an organiser backs the embedded store up while the hall votes, sees what the backup
/// holds, and downloads it (docs/operations/backup.md). A cluster is backed up with pg_dump: 409 with that advice.
/// </summary>
public static class BackupEndpoints
{
    public static WebApplicationBuilder AddEngagementBackups(this WebApplicationBuilder builder, EngagementOptions options, string dataDirectory)
    {
        builder.Services.AddSingleton(sp => new BackupShelf(options, dataDirectory, sp.GetRequiredService<ILogger<BackupShelf>>()));
        return builder;
    }

    public static void MapBackupApi(this IEndpointRouteBuilder app)
    {
        var backups = app.MapGroup("/api/operations/backups").RequireAuthorization(Roles.Organiser).WithTags("Operations");
        backups.MapPost("/", async Task<IResult> (BackupShelf shelf, HttpContext http, CancellationToken cancellationToken) =>
        {
            // The request takes neither parameters nor a body: one that brings some is a mistaken or malformed call,
            // not a request for a backup (each backup is a file of the store's size on the server's disk).
            if (http.Request.QueryString.HasValue)
            {
                return Problems.Problems.Result(http, StatusCodes.Status400BadRequest, "request.bad-field", null, http.Request.Query.Keys.FirstOrDefault() ?? "?");
            }

            if (http.Request.ContentLength > 0 || http.Request.ContentType is not null || http.Request.Headers.TransferEncoding.Count > 0)
            {
                return Problems.Problems.Result(http, StatusCodes.Status400BadRequest, "request.bad-body");
            }

            try
            {
                var made = await shelf.CreateAsync(cancellationToken);
                return TypedResults.Created($"/api/operations/backups/{made.Name}", made);
            }
            catch (Exception e) when (e is Engagement.Silo.Backup.BackupProblem or IOException)
            {
                // The server's own trouble (a damaged database, a full disk): said plainly, with what SQLite or the disk said.
                return Problems.Problems.Result(http, StatusCodes.Status500InternalServerError, "backup.failed", null, e.Message);
            }
        }).Produces<BackupShelf.Made>(StatusCodes.Status201Created);
        backups.MapGet("/", (BackupShelf shelf) => shelf.List());
        backups.MapGet("/{name}", (string name, BackupShelf shelf) =>
        {
            var file = shelf.Find(name);
            return TypedResults.PhysicalFile(file.FullName, "application/zip", file.Name);
        }).Produces(StatusCodes.Status200OK, contentType: "application/zip");
    }
}
