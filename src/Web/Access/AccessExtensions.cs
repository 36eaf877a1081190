using System.Security.Claims;
using Engagement.Organisation;
using Engagement.Silo.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Access;

public static class AccessExtensions
{
    /// <summary>Member codes and judge/scorer links: one budget per address, then a few per member or link.</summary>
    public const string CodeGuesses = "code-guesses";

    /// <summary>Organiser passwords, per address and user name.</summary>
    public const string LoginGuesses = "login-guesses";
    public const int CodeFailuresPerAddress = 10;
    public const int CodeFailuresPerTarget = 5;
    public const int PasswordFailures = 5;
    public static readonly TimeSpan GuessWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan GrantRecheck = TimeSpan.FromMinutes(2);

    /// <summary>Cookie sign-in for every role, role policies, member codes and the limits on wrong guesses.</summary>
    public static WebApplicationBuilder AddEngagementAccess(this WebApplicationBuilder builder, EngagementOptions options, string dataDirectory)
    {
        var protection = KeyProtection.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath);
        var notes = new List<string>();
        if (protection.CertificatePath is { } pfx && pfx.StartsWith(Path.GetFullPath(dataDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            // Every file of the data directory goes into a backup: the lock would travel with its key.
            notes.Add($"{KeyProtection.CertificatePathKey} is inside the data directory, so backups carry the certificate with the keys it protects: keep it elsewhere (docs/operations/keys.md).");
        }

        builder.Services.AddSingleton(protection);
        builder.Services.AddSingleton(AccessKey.Load(builder.Configuration, options, dataDirectory, protection, notes));
        builder.Services.AddHostedService(sp => new KeyProtectionNotice(protection, notes, sp.GetRequiredService<ILogger<KeyProtection>>()));
        builder.Services.AddSingleton<MemberCodes>();
        builder.Services.AddSingleton<AccessLinks>();
        builder.Services.AddKeyedSingleton(CodeGuesses, (_, _) => new GuessLimits(CodeFailuresPerAddress, CodeFailuresPerTarget, GuessWindow));
        builder.Services.AddKeyedSingleton(LoginGuesses, (_, _) => new GuessLimits(PasswordFailures, perTarget: 0, GuessWindow));
        builder.Services.AddHostedService<OrganiserBootstrap>();
        builder.Services.AddSingleton<MemberRevocations>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MemberRevocations>());
        // Before data protection's own start-up service, which loads the key ring and would make a new key when it can
        // open none: the check must see the ring first (after the silo, registered earlier, is up).
        builder.Services.AddHostedService<KeyRingCheck>();
        protection.Apply(builder.Services.AddDataProtection().SetApplicationName("Engagement"));
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new GrainXmlRepository(sp.GetRequiredService<IGrainFactory>())));

        builder.Services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "engagement";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                // An API answers 401/403; it never redirects to a login page.
                cookie.Events.OnRedirectToLogin = ctx => Engagement.Web.Problems.Problems.Write(ctx.HttpContext, StatusCodes.Status401Unauthorized, "auth.required");
                cookie.Events.OnRedirectToAccessDenied = ctx => Engagement.Web.Problems.Problems.Write(ctx.HttpContext, StatusCodes.Status403Forbidden, "auth.forbidden");
                cookie.Events.OnValidatePrincipal = Revalidate;
            });
        // After the cookie handler's own post-configuration has created its ticket format: members' cookies in the
        // compact signed form, everybody else's encrypted as before (and remembered once decrypted).
        builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>>(sp =>
            new PostConfigureOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
                cookie.TicketDataFormat = new MemberTicketFormat(
                    new CachedTicketFormat(cookie.TicketDataFormat, TimeProvider.System), sp.GetRequiredService<AccessKey>())));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Organiser, p => p.RequireRole(Roles.Organiser))
            .AddPolicy(Roles.Member, p => p.RequireRole(Roles.Member))
            .AddPolicy(Roles.Judge, p => p.RequireRole(Roles.Judge))
            .AddPolicy(Roles.Scorer, p => p.RequireRole(Roles.Scorer))
            .AddPolicy(Roles.Team, p => p.RequireRole(Roles.Team))
            .AddPolicy(Roles.OrganiserOrMember, p => p.RequireRole(Roles.Organiser, Roles.Member));
        return builder;
    }

    /// <summary>
    /// A member's, judge's, scorer's or team desk's sign-in ends when their code or link is revoked or they are removed.
    /// Members (a hall of phones) are checked on every request against this host's copy of the roster's code
    /// generations (<see cref="MemberRevocations"/>), without a grain call or a new cookie. Judges and scorers,
    /// a handful (and team desks), are checked with the grants grain every couple of minutes and their cookie renewed.
    /// </summary>
    private static async Task Revalidate(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null)
        {
            return;
        }

        var subject = principal.FindFirstValue(Claims.Subject) ?? string.Empty;
        var generation = principal.FindFirstValue(Claims.CodeGeneration);
        if (principal.IsInRole(Roles.Member))
        {
            var revocations = context.HttpContext.RequestServices.GetRequiredService<MemberRevocations>();
            if (await revocations.CheckAsync(subject, generation) != MemberRevocations.Standing.Valid)
            {
                await Reject(context);
            }

            return;
        }

        if (!(principal.IsInRole(Roles.Judge) || principal.IsInRole(Roles.Scorer) || principal.IsInRole(Roles.Team)))
        {
            return;
        }

        var checkedAt = long.TryParse(principal.FindFirstValue(Claims.CheckedAt), out var t) ? DateTimeOffset.FromUnixTimeSeconds(t) : DateTimeOffset.MinValue;
        if (DateTimeOffset.UtcNow - checkedAt < GrantRecheck)
        {
            return;
        }

        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var grant = await grains.GetGrain<Engagement.Access.IAccessGrantsGrain>(0).Find(subject);
        if (grant is null || grant.Generation.ToString() != generation)
        {
            await Reject(context);
            return;
        }

        context.ReplacePrincipal(GrantPrincipal(grant));
        context.ShouldRenew = true;
    }

    private static async Task Reject(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync();
    }

    public static ClaimsPrincipal GrantPrincipal(Engagement.Access.AccessGrant grant) =>
        Principal(RoleOf(grant), grant.Name,
            new(Claims.Subject, grant.GrantId),
            new(Claims.BranchId, grant.BranchId ?? string.Empty),
            new(Claims.Scope, grant.Scope ?? string.Empty),
            new(Claims.CodeGeneration, grant.Generation.ToString()),
            new(Claims.CheckedAt, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString()));

    /// <summary>The sign-in role a link gives: a team desk's link carries its contest in Scope and its team in BranchId.</summary>
    public static string RoleOf(Engagement.Access.AccessGrant grant) => grant.Role switch
    {
        Engagement.Access.GrantRole.Judge => Roles.Judge,
        Engagement.Access.GrantRole.Team => Roles.Team,
        _ => Roles.Scorer,
    };

    public static ClaimsPrincipal MemberPrincipal(Member member) =>
        MemberPrincipal(member.MemberNo, member.BranchId, member.Name, member.CodeGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A member's sign-in: who, which branch, and the code generation it was made with (checked on every request).</summary>
    public static ClaimsPrincipal MemberPrincipal(string memberNo, string branchId, string name, string codeGeneration) => Principal(Roles.Member, name,
        new(Claims.Subject, memberNo),
        new(Claims.BranchId, branchId),
        new(Claims.CodeGeneration, codeGeneration));

    public static ClaimsPrincipal OrganiserPrincipal(Engagement.Access.OrganiserAccount account) =>
        Principal(Roles.Organiser, account.DisplayName.Length > 0 ? account.DisplayName : account.UserName,
            new Claim(Claims.Subject, account.UserName));

    private static ClaimsPrincipal Principal(string role, string name, params Claim[] claims) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.Name, name), .. claims],
            CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>
    /// Partition key for attempt throttles: the caller's address (never used as identity). An IPv6 caller
    /// is keyed by its /64 network, because one host usually holds a whole /64 and could otherwise take a
    /// fresh address for every guess. Behind a trusted proxy this is the phone's forwarded address.
    /// </summary>
    public static string ClientKey(this HttpContext context) => ClientKey(context.Connection.RemoteIpAddress);

    public static string ClientKey(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }
}
