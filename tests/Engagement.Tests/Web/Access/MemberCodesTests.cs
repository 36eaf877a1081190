using System.Security.Cryptography;
using System.Text;
using Engagement.Organisation;
using Engagement.Web.Access;

namespace Engagement.Tests.Web.Access;

public sealed class MemberCodesTests
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly byte[] KeyBytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly MemberCodes _codes = new(new AccessKey(KeyBytes));

    [Theory]
    [InlineData(1, "0001")]
    [InlineData(32, "0010")]
    [InlineData(41, "0019")]
    [InlineData(33000, "1078")]
    [InlineData(MemberCodes.MaxSeq, "ZZZZ")]
    public void A_code_is_the_sequence_in_four_Crockford_characters_then_eight_more_in_groups_of_four(int seq, string prefix)
    {
        var code = _codes.For(Member(seq));

        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", code);
        Assert.StartsWith(prefix + "-", code);
    }

    [Fact]
    public void The_last_eight_characters_are_the_first_40_bits_of_the_HMAC()
    {
        var member = Member(41, "DY007", generation: 3);
        var mac = HMACSHA256.HashData(KeyBytes, Encoding.UTF8.GetBytes("member-code\n41|DY007|3"));
        var bits = mac.Take(5).Aggregate(0UL, (acc, b) => (acc << 8) | b);
        var expected = new string(Enumerable.Range(0, 8).Select(i => Crockford[(int)((bits >> (35 - 5 * i)) & 31)]).ToArray());

        Assert.Equal(expected, _codes.For(member).Replace("-", string.Empty)[4..]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(MemberCodes.MaxSeq + 1)]
    public void A_sequence_outside_the_code_space_has_no_code(int seq)
    {
        Assert.Throws<InvalidOperationException>(() => _codes.For(Member(seq)));
    }

    public static TheoryData<string, Func<string, string>> Variants => new()
    {
        { "as printed", c => c },
        { "lower case", c => c.ToLowerInvariant() },
        { "no dashes", c => c.Replace("-", string.Empty) },
        { "spaces and tabs", c => " " + c.Replace("-", " \t") + " " },
        { "dashes everywhere", c => string.Join("-", c.Replace("-", string.Empty).ToCharArray()) },
        { "O for zero, I and L for one", c => c.Replace('0', 'O').Replace('1', 'I') },
        { "l for one", c => c.Replace('1', 'l') },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void What_a_person_types_is_read_back_to_the_same_member(string variant, Func<string, string> retype)
    {
        var member = Member(1041, "DY001"); // 1041 is "010H": both look-alike digits occur
        var code = _codes.For(member);

        Assert.True(MemberCodes.TryRead(retype(code), out var seq, out var mac), variant);
        Assert.Equal(1041, seq);
        Assert.True(_codes.Matches(member, mac), variant);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0001-ABCD-EFG")] // 11 characters
    [InlineData("0001-ABCD-EFGHJ")] // 13 characters
    [InlineData("0001-ABCD-EFGU")] // U is not Crockford
    [InlineData("0001_ABCD_EFGH")]
    [InlineData("0001.ABCD.EFGH")]
    [InlineData("0000-ABCD-EFGH")] // sequence 0 is never issued
    [InlineData("OOOO-ABCD-EFGH")] // still sequence 0
    [InlineData("０００１-ABCD-EFGH")] // full-width digits
    [InlineData("0001-ABCD-EFGH-------------------------------")] // over 40 characters before separators are dropped
    public void Malformed_input_is_not_a_code(string? input)
    {
        Assert.False(MemberCodes.TryRead(input, out _, out _));
    }

    [Fact]
    public void A_huge_input_is_refused_cheaply()
    {
        Assert.False(MemberCodes.TryRead(new string('A', 1_000_000), out _, out _));
    }

    [Fact]
    public void Forty_characters_with_separators_are_still_read()
    {
        var input = "0001ABCDEFGH".PadRight(40);

        Assert.True(MemberCodes.TryRead(input, out var seq, out var mac));
        Assert.Equal((1, "ABCDEFGH"), (seq, mac));
    }

    [Fact]
    public void The_code_matches_only_its_own_member_and_generation()
    {
        var member = Member(7, "DY001");
        Assert.True(MemberCodes.TryRead(_codes.For(member), out _, out var mac));

        Assert.True(_codes.Matches(member, mac));
        Assert.False(_codes.Matches(member with { CodeGeneration = 1 }, mac)); // revoked
        Assert.False(_codes.Matches(member with { MemberNo = "DY002" }, mac)); // same seq, other member
        Assert.False(_codes.Matches(member with { Seq = 8 }, mac));
        Assert.False(new MemberCodes(new AccessKey(new byte[32])).Matches(member, mac)); // another server's key
    }

    [Fact]
    public void A_revoked_code_is_replaced_by_a_different_one()
    {
        var member = Member(7, "DY001");

        Assert.NotEqual(_codes.For(member), _codes.For(member with { CodeGeneration = 1 }));
        Assert.Equal(_codes.For(member), _codes.For(member with { Name = "改名", Phone = "13800138000", BranchId = "b9" }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABC")]
    [InlineData("ABCDEFGHJ")]
    public void A_mac_of_the_wrong_length_does_not_match(string mac)
    {
        Assert.False(_codes.Matches(Member(7, "DY001"), mac));
    }

    [Fact]
    public void A_single_changed_character_does_not_match()
    {
        var member = Member(7, "DY001");
        Assert.True(MemberCodes.TryRead(_codes.For(member), out _, out var mac));

        for (var i = 0; i < mac.Length; i++)
        {
            var other = Crockford[(Crockford.IndexOf(mac[i]) + 1) % 32];
            Assert.False(_codes.Matches(member, mac[..i] + other + mac[(i + 1)..]));
        }
    }

    private static Member Member(int seq, string memberNo = "DY001", int generation = 0) =>
        new(memberNo, "张三", null, "b1", seq, generation);
}
