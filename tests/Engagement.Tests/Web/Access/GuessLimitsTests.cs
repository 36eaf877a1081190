using Engagement.Web.Access;

namespace Engagement.Tests.Web.Access;

/// <summary>
/// Wrong guesses are limited, not people: an address that spent its budget on mistakes still gets its
/// right codes checked, as long as the member a code names has not drawn too many wrong guesses itself.
/// </summary>
public sealed class GuessLimitsTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly GuessLimits _limits = new(perAddress: 3, perTarget: 2, Window);

    [Fact]
    public void Attempts_are_checked_until_the_address_has_spent_its_budget_of_failures()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(_limits.Refusal("hall", target: null));
            _limits.Failed("hall", "member:" + i);
        }

        Assert.Equal(Window, _limits.Refusal("hall", target: null));
    }

    [Fact]
    public void After_the_address_is_spent_a_code_for_another_member_is_still_checked()
    {
        for (var i = 0; i < 3; i++)
        {
            _limits.Failed("hall", "member:" + i);
        }

        // The hall's next phone: its member has drawn no wrong guesses.
        Assert.Null(_limits.Refusal("hall", "member:99"));
    }

    [Fact]
    public void A_member_who_drew_its_budget_of_wrong_guesses_is_refused_from_a_spent_address()
    {
        for (var i = 0; i < 3; i++)
        {
            _limits.Failed("guesser", "member:7");
        }

        Assert.Equal(Window, _limits.Refusal("guesser", "member:7"));
        // The same member from an address with budget left is checked: the member is not locked out.
        Assert.Null(_limits.Refusal("home", "member:7"));
    }

    [Fact]
    public void A_spent_address_gets_at_most_the_target_budget_of_further_guesses_per_member()
    {
        for (var i = 0; i < 3; i++)
        {
            _limits.Failed("guesser", "member:1");
        }

        var checkedGuesses = 0;
        for (var i = 0; i < 10 && _limits.Refusal("guesser", "member:2") is null; i++)
        {
            checkedGuesses++;
            _limits.Failed("guesser", "member:2");
        }

        Assert.Equal(2, checkedGuesses);
    }

    [Fact]
    public void Without_a_target_budget_a_spent_address_is_refused_whatever_it_names()
    {
        using var passwords = new GuessLimits(perAddress: 2, perTarget: 0, Window);
        passwords.Failed("addr|admin", null);
        passwords.Failed("addr|admin", null);

        Assert.Equal(Window, passwords.Refusal("addr|admin", "anything"));
        Assert.Null(passwords.Refusal("addr|other", null));
    }

    public void Dispose() => _limits.Dispose();
}
