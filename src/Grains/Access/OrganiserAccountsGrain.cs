using Engagement.Storage;
using Microsoft.Extensions.Logging;

namespace Engagement.Access;

/// <summary>Organiser accounts. Only hashes of passwords and setup tokens are ever stored.</summary>
public sealed class OrganiserAccountsGrain(
    [PersistentState("organisers", StorageNames.Durable)] IPersistentState<OrganiserAccountsRecord> state,
    ILogger<OrganiserAccountsGrain> logger) : Grain, IOrganiserAccountsGrain
{
    public Task<bool> HasAccounts() => Task.FromResult(state.State.Accounts.Count > 0);

    public Task<OrganiserAccount?> Find(string userName) =>
        Task.FromResult(state.State.Accounts.GetValueOrDefault(Key(userName)));

    public async Task<bool> CreateFirst(OrganiserAccount account)
    {
        if (state.State.Accounts.Count > 0)
        {
            return false;
        }

        await Store(account);
        logger.LogInformation("First organiser {UserName} created from configuration", account.UserName);
        return true;
    }

    public async Task AddSetupToken(string tokenHash)
    {
        if (state.State.Accounts.Count > 0 || state.State.SetupTokenHashes.Contains(tokenHash))
        {
            return;
        }

        state.State.SetupTokenHashes.Add(tokenHash);
        await state.WriteOrRetireAsync(this);
    }

    public async Task<SetupResult> CompleteSetup(string tokenHash, OrganiserAccount account)
    {
        if (state.State.Accounts.Count > 0)
        {
            return SetupResult.AlreadySetUp;
        }

        if (!state.State.SetupTokenHashes.Contains(tokenHash))
        {
            return SetupResult.UnknownToken;
        }

        account = Checked(account);
        state.State.SetupTokenHashes.Clear();
        await Store(account);
        logger.LogInformation("First organiser {UserName} created through the setup link", account.UserName);
        return SetupResult.Created;
    }

    public async Task<OrganiserAccount> Upsert(OrganiserAccount account)
    {
        await Store(account);
        return account;
    }

    private async Task Store(OrganiserAccount account)
    {
        account = Checked(account);
        state.State.Accounts[Key(account.UserName)] = account;
        await state.WriteOrRetireAsync(this);
    }

    /// <summary>Validates before anything changes, so a refused request leaves state (and setup tokens) as they were.</summary>
    private static OrganiserAccount Checked(OrganiserAccount account)
    {
        var userName = Text.Clean(account.UserName);
        if (userName.Length is 0 or > 64)
        {
            throw RuleViolation.Invalid("organiser.bad-user-name");
        }

        return account with { UserName = userName, DisplayName = Text.Clean(account.DisplayName) };
    }

    private static string Key(string userName) => Text.Key(userName);
}

[GenerateSerializer]
public sealed class OrganiserAccountsRecord
{
    [Id(0)] public Dictionary<string, OrganiserAccount> Accounts { get; set; } = [];
    [Id(1)] public HashSet<string> SetupTokenHashes { get; set; } = [];
}
