using System.Security.Claims;
using Engagement.Access;
using Engagement.Organisation;
using Engagement.Web.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Engagement.Web.Access;

/// <summary>Signing in: organisers with a password, members with their personal code, and the one-time setup.</summary>
public static class AuthEndpoints
{
    public const int MinPasswordLength = 10;
    private static readonly PasswordHasher<OrganiserAccount> Hasher = new();

    public sealed record LoginRequest(string? UserName, string? Password);
    public sealed record MemberLoginRequest(string? Code);
    public sealed record LinkLoginRequest(string? Token);
    public sealed record SetupRequest(string? Token, string? UserName, string? DisplayName, string? Password);
    /// <summary>Who is signed in; a member also gets their rounds (<see cref="Selection.VotingEndpoints.RoundsFor"/>) and contests (<see cref="Contest.AnswerEndpoints.ContestsFor"/>).</summary>
    public sealed record Me(string Role, string Name, string? UserName = null, string? MemberNo = null,
        string? BranchId = null, string? BranchName = null, string? District = null,
        IReadOnlyList<Selection.VotingEndpoints.MemberRound>? Rounds = null,
        IReadOnlyList<Engagement.Contest.PhoneView>? Contests = null);

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Access");
        auth.MapPost("/login", Login).RequireRateLimiting(Operations.RateLimits.SignIn);
        auth.MapPost("/member", MemberLogin).RequireRateLimiting(Operations.RateLimits.SignIn);
        auth.MapPost("/setup", Setup).RequireRateLimiting(Operations.RateLimits.SignIn);
        auth.MapPost("/link", LinkLogin).RequireRateLimiting(Operations.RateLimits.SignIn);
        auth.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync();
            return TypedResults.NoContent();
        });
        auth.MapGet("/me", Current).RequireAuthorization();
    }

    private static async Task<IResult> Login(LoginRequest request, HttpContext http, IGrainFactory grains,
        [FromKeyedServices(AccessExtensions.LoginGuesses)] GuessLimits guesses)
    {
        // Per address and user name, with no second budget: an organiser is one person, not a hall.
        var key = http.ClientKey() + "|" + Text.Key(request.UserName);
        if (Throttled(http, guesses, key, target: null) is { } wait)
        {
            return wait;
        }

        var account = string.IsNullOrWhiteSpace(request.UserName)
            ? null
            : await grains.GetGrain<IOrganiserAccountsGrain>(0).Find(request.UserName);
        if (account is null || string.IsNullOrEmpty(request.Password)
            || Hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
        {
            guesses.Failed(key, target: null);
            return Problems.Problems.Result(http, StatusCodes.Status401Unauthorized, "auth.bad-login");
        }

        await http.SignInAsync(AccessExtensions.OrganiserPrincipal(account));
        return TypedResults.Ok(new Me(Roles.Organiser, account.DisplayName, UserName: account.UserName));
    }

    private static async Task<IResult> MemberLogin(MemberLoginRequest request, HttpContext http, IGrainFactory grains, MemberCodes codes,
        [FromKeyedServices(AccessExtensions.CodeGuesses)] GuessLimits guesses)
    {
        var key = http.ClientKey();
        // The code's first four characters name the member it is a guess at.
        var readable = MemberCodes.TryRead(request.Code, out var seq, out var mac);
        var target = readable ? "member:" + seq : null;
        if (Throttled(http, guesses, key, target) is { } wait)
        {
            return wait;
        }

        var roster = grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default);
        var member = readable ? await roster.FindMemberBySeq(seq) : null;
        if (member is null || !codes.Matches(member, mac))
        {
            guesses.Failed(key, target);
            return Problems.Problems.Result(http, StatusCodes.Status401Unauthorized, "auth.bad-code");
        }

        var principal = AccessExtensions.MemberPrincipal(member);
        await http.SignInAsync(principal, new AuthenticationProperties
        {
            IsPersistent = true,
            ExpiresUtc = DateTimeOffset.UtcNow.AddDays(30),
        });
        return TypedResults.Ok(await DescribeMember(grains, member, principal));
    }

    private static async Task<IResult> LinkLogin(LinkLoginRequest request, HttpContext http, IGrainFactory grains, AccessLinks links,
        [FromKeyedServices(AccessExtensions.CodeGuesses)] GuessLimits guesses)
    {
        var key = http.ClientKey();
        var readable = AccessLinks.TryRead(request.Token, out var grantId, out var signature);
        var target = readable ? "link:" + grantId : null;
        if (Throttled(http, guesses, key, target) is { } wait)
        {
            return wait;
        }

        var grant = readable ? await grains.GetGrain<IAccessGrantsGrain>(0).Find(grantId) : null;
        if (grant is null || !links.Matches(grant, signature))
        {
            guesses.Failed(key, target);
            return Problems.Problems.Result(http, StatusCodes.Status401Unauthorized, "auth.bad-link");
        }

        await http.SignInAsync(AccessExtensions.GrantPrincipal(grant), new AuthenticationProperties { IsPersistent = true, ExpiresUtc = DateTimeOffset.UtcNow.AddDays(7) });
        return TypedResults.Ok(DescribeGrant(grant));
    }

    private static Me DescribeGrant(AccessGrant grant) =>
        new(AccessExtensions.RoleOf(grant), grant.Name, BranchId: grant.BranchId);

    private static async Task<IResult> Setup(SetupRequest request, HttpContext http, IGrainFactory grains)
    {
        if (string.IsNullOrEmpty(request.Password) || request.Password.Length < MinPasswordLength)
        {
            return Problems.Problems.Result(http, StatusCodes.Status400BadRequest, "auth.weak-password", null, MinPasswordLength);
        }

        var account = NewAccount(request.UserName ?? string.Empty, request.DisplayName ?? request.UserName ?? string.Empty, request.Password);
        var result = await grains.GetGrain<IOrganiserAccountsGrain>(0).CompleteSetup(OrganiserBootstrap.HashToken(request.Token ?? string.Empty), account);
        switch (result)
        {
            case SetupResult.UnknownToken:
                return Problems.Problems.Result(http, StatusCodes.Status403Forbidden, "auth.setup-unknown-token");
            case SetupResult.AlreadySetUp:
                return Problems.Problems.Result(http, StatusCodes.Status409Conflict, "auth.setup-done");
        }

        var created = await grains.GetGrain<IOrganiserAccountsGrain>(0).Find(account.UserName) ?? account;
        await http.SignInAsync(AccessExtensions.OrganiserPrincipal(created));
        return TypedResults.Ok(new Me(Roles.Organiser, created.DisplayName, UserName: created.UserName));
    }

    private static async Task<IResult> Current(ClaimsPrincipal user, IGrainFactory grains)
    {
        var role = user.FindFirstValue(ClaimTypes.Role) ?? string.Empty;
        var subject = user.FindFirstValue(Claims.Subject);
        if (role == Roles.Member && subject is not null
            && await grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default).FindMember(subject) is { } member)
        {
            return TypedResults.Ok(await DescribeMember(grains, member, user));
        }

        if (role is Roles.Judge or Roles.Scorer or Roles.Team && subject is not null
            && await grains.GetGrain<IAccessGrantsGrain>(0).Find(subject) is { } grant)
        {
            return TypedResults.Ok(DescribeGrant(grant));
        }

        return TypedResults.Ok(new Me(role, user.Identity?.Name ?? string.Empty, UserName: role == Roles.Organiser ? subject : null));
    }

    private static async Task<Me> DescribeMember(IGrainFactory grains, Member member, ClaimsPrincipal principal)
    {
        var branch = await grains.GetGrain<IBranchGrain>(member.BranchId).GetSummary();
        return new Me(Roles.Member, member.Name, MemberNo: member.MemberNo, BranchId: member.BranchId,
            BranchName: branch?.Name, District: branch?.District, Rounds: await Selection.VotingEndpoints.RoundsFor(principal, grains),
            Contests: await Contest.AnswerEndpoints.ContestsFor(principal, grains));
    }

    public static OrganiserAccount NewAccount(string userName, string displayName, string password)
    {
        var account = new OrganiserAccount(Text.Clean(userName), Text.Clean(displayName), string.Empty);
        return account with { PasswordHash = Hasher.HashPassword(account, password) };
    }

    private static IResult? Throttled(HttpContext http, GuessLimits guesses, string key, string? target)
    {
        if (guesses.Refusal(key, target) is not { } wait)
        {
            return null;
        }

        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString();
        return Problems.Problems.Result(http, StatusCodes.Status429TooManyRequests, "auth.throttled", null, seconds);
    }
}
