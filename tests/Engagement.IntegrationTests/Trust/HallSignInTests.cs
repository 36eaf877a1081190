using System.Net.Http.Json;
using Engagement.IntegrationTests.Access;

namespace Engagement.IntegrationTests.Trust;

/// <summary>
/// A hall's phones share one address (the venue's NAT). The limits count wrong guesses, not people: ten
/// typing mistakes from the hall do not stop the next phone's right code, while a guesser at that address
/// still gets only a few tries at any one member. The reasoning is in docs/security.md.
/// </summary>
[Collection(Collections.Trust)]
public sealed class HallSignInTests(TrustWorld world)
{
    [Fact]
    public async Task A_hall_behind_one_address_still_signs_in_after_ten_mistyped_codes()
    {
        using var hall = LoopbackClient.From(world.Url, "127.0.0.61");
        // Ten phones each mistype their own code once.
        for (var i = 1; i <= 10; i++)
        {
            var mistyped = Mistype(world.Codes[i].Code);
            await Answers.ExpectAsync(await hall.PostAsJsonAsync("/api/auth/member", new { code = mistyped }), new Outcome(401, "auth.bad-code"), mistyped);
        }

        // They try again, and the rest of the hall signs in, all from the same address.
        for (var i = 1; i <= 20; i++)
        {
            await Answers.ExpectAsync(await hall.PostAsJsonAsync("/api/auth/member", new { code = world.Codes[i].Code }), new Outcome(200), $"member {i}'s right code");
        }
    }

    [Fact]
    public async Task A_guesser_at_a_spent_address_gets_no_more_than_five_tries_at_a_member_and_cannot_tell_a_hit()
    {
        using var guesser = LoopbackClient.From(world.Url, "127.0.0.62");
        var target = world.Codes[30].Code;
        var wrong = GuessingTests.Wrong(target.Replace("-", ""), "0123456789ABCDEFGHJKM");
        for (var i = 0; i < 10; i++)
        {
            await Answers.ExpectAsync(await guesser.PostAsJsonAsync("/api/auth/member", new { code = wrong[i] }), new Outcome(401, "auth.bad-code"), wrong[i]);
        }

        await GuessingTests.ExpectThrottledAsync(await guesser.PostAsJsonAsync("/api/auth/member", new { code = wrong[10] }));
        // Even the right code is not checked: a hit looks like every other refusal.
        await GuessingTests.ExpectThrottledAsync(await guesser.PostAsJsonAsync("/api/auth/member", new { code = target }));

        // Moving on to another member buys five more wrong guesses, no more.
        var other = GuessingTests.Wrong(world.Codes[31].Code.Replace("-", ""), "0123456789ABCDEFGHJKM");
        for (var i = 0; i < 5; i++)
        {
            await Answers.ExpectAsync(await guesser.PostAsJsonAsync("/api/auth/member", new { code = other[i] }), new Outcome(401, "auth.bad-code"), other[i]);
        }

        await GuessingTests.ExpectThrottledAsync(await guesser.PostAsJsonAsync("/api/auth/member", new { code = other[5] }));
    }

    /// <summary>The code with its last character swapped for another: a typing mistake in the secret part.</summary>
    private static string Mistype(string code) => code[..^1] + (code[^1] == 'A' ? 'B' : 'A');
}
