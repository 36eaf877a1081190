namespace Engagement.Access;

/// <summary>
/// Organiser accounts and the one-time setup tokens that create the first one.
/// Passwords and tokens arrive already hashed: this grain never sees a secret. Key: 0.
/// </summary>
public interface IOrganiserAccountsGrain : IGrainWithIntegerKey
{
    Task<bool> HasAccounts();
    Task<OrganiserAccount?> Find(string userName);

    /// <summary>Creates the account only if there is none yet (configuration bootstrap); returns whether it did.</summary>
    Task<bool> CreateFirst(OrganiserAccount account);

    /// <summary>Remembers a setup token hash while no account exists.</summary>
    Task AddSetupToken(string tokenHash);

    /// <summary>Consumes a setup token and creates the first account; refuses if the token is unknown or an account exists.</summary>
    Task<SetupResult> CompleteSetup(string tokenHash, OrganiserAccount account);

    Task<OrganiserAccount> Upsert(OrganiserAccount account);
}

[GenerateSerializer, Immutable]
public sealed record OrganiserAccount(
    [property: Id(0)] string UserName,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string PasswordHash);

public enum SetupResult
{
    Created,
    UnknownToken,
    AlreadySetUp,
}
