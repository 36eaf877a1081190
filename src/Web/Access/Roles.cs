namespace Engagement.Web.Access;

/// <summary>Who a signed-in person is to Engagement. The big screen is public and needs no role.</summary>
public static class Roles
{
    public const string Organiser = "organiser";
    public const string Member = "member";
    public const string Judge = "judge";
    public const string Scorer = "scorer";

    /// <summary>A team desk's tablet in a contest's stage final (a secret link per team).</summary>
    public const string Team = "team";

    /// <summary>Policy name: either an organiser or a member (e.g. uploading a case's files).</summary>
    public const string OrganiserOrMember = "organiser-or-member";
}

/// <summary>Claim types beyond the standard ones.</summary>
public static class Claims
{
    /// <summary>The subject: organiser user name or member number.</summary>
    public const string Subject = "sub";
    public const string BranchId = "branch";
    public const string CodeGeneration = "gen";
    public const string CheckedAt = "checked";

    /// <summary>The event or tournament a judge or scorer link is valid for (empty: any).</summary>
    public const string Scope = "scope";
}
