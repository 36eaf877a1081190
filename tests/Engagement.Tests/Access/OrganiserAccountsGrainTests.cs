using Engagement.Access;
using Engagement.Tests.Testing;

namespace Engagement.Tests.Access;

[Collection(ClusterCollection.Name)]
public sealed class OrganiserAccountsGrainTests(ClusterFixture fixture)
{
    private static readonly OrganiserAccount Admin = new(" Admin ", " 县委\u3000组织部 ", "hash-1");

    [Fact]
    public async Task An_unknown_setup_token_creates_nothing()
    {
        var accounts = NewAccounts();
        await accounts.AddSetupToken("token-hash");

        Assert.Equal(SetupResult.UnknownToken, await accounts.CompleteSetup("other-hash", Admin));
        Assert.False(await accounts.HasAccounts());
    }

    [Fact]
    public async Task A_known_setup_token_creates_the_first_account_once()
    {
        var accounts = NewAccounts();
        await accounts.AddSetupToken("token-hash");

        var first = await accounts.CompleteSetup("token-hash", Admin);
        var again = await accounts.CompleteSetup("token-hash", Admin with { UserName = "intruder" });

        Assert.Equal((SetupResult.Created, SetupResult.AlreadySetUp), (first, again));
        Assert.Equal(new OrganiserAccount("Admin", "县委 组织部", "hash-1"), await accounts.Find("admin"));
        Assert.Null(await accounts.Find("intruder"));
    }

    [Fact]
    public async Task Setup_without_any_token_is_refused()
    {
        var accounts = NewAccounts();

        Assert.Equal(SetupResult.UnknownToken, await accounts.CompleteSetup("token-hash", Admin));
        Assert.False(await accounts.HasAccounts());
    }

    [Fact]
    public async Task Any_of_several_outstanding_tokens_works_and_setting_up_spends_them_all()
    {
        var accounts = NewAccounts();
        await accounts.AddSetupToken("first");
        await accounts.AddSetupToken("second");

        Assert.Equal(SetupResult.Created, await accounts.CompleteSetup("second", Admin));
        Assert.Equal(SetupResult.AlreadySetUp, await accounts.CompleteSetup("first", Admin));
    }

    [Fact]
    public async Task A_setup_refused_for_a_bad_user_name_leaves_the_token_usable()
    {
        // Expected to fail until CompleteSetup validates the account before clearing the tokens.
        var accounts = NewAccounts();
        await accounts.AddSetupToken("token-hash");

        var violation = await Assert.ThrowsAsync<RuleViolation>(() => accounts.CompleteSetup("token-hash", Admin with { UserName = "  " }));

        Assert.Equal("organiser.bad-user-name", violation.Code);
        Assert.Equal(SetupResult.Created, await accounts.CompleteSetup("token-hash", Admin));
    }

    [Fact]
    public async Task Configuration_creates_the_first_account_only_when_there_is_none()
    {
        var accounts = NewAccounts();

        Assert.True(await accounts.CreateFirst(Admin));
        Assert.False(await accounts.CreateFirst(Admin with { UserName = "second" }));
        Assert.True(await accounts.HasAccounts());
        Assert.Null(await accounts.Find("second"));
    }

    [Fact]
    public async Task No_setup_token_is_taken_once_an_account_exists()
    {
        var accounts = NewAccounts();
        await accounts.CreateFirst(Admin);

        await accounts.AddSetupToken("late-token");

        Assert.Equal(SetupResult.AlreadySetUp, await accounts.CompleteSetup("late-token", Admin with { UserName = "late" }));
        Assert.Null(await accounts.Find("late"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \u3000 ")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")]
    public async Task User_names_must_be_one_to_64_characters(string userName)
    {
        var violation = await Assert.ThrowsAsync<RuleViolation>(() => NewAccounts().Upsert(Admin with { UserName = userName }));

        Assert.Equal((ViolationKind.Invalid, "organiser.bad-user-name"), (violation.Kind, violation.Code));
    }

    [Fact]
    public async Task Upsert_replaces_the_account_with_the_same_user_name_ignoring_case_and_spaces()
    {
        var accounts = NewAccounts();
        await accounts.Upsert(Admin);

        await accounts.Upsert(new OrganiserAccount("ADMIN", "新名称", "hash-2"));

        Assert.Equal(new OrganiserAccount("ADMIN", "新名称", "hash-2"), await accounts.Find(" a d m i n "));
    }

    private IOrganiserAccountsGrain NewAccounts() => fixture.Client.GetGrain<IOrganiserAccountsGrain>(Random.Shared.NextInt64(1, long.MaxValue));
}
