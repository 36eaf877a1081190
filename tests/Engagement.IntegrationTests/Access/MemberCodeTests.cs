using System.Net;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Access;

/// <summary>A member code identifies exactly one member, forgives typing, and stops working once revoked.</summary>
[Collection(Collections.Access)]
public sealed class MemberCodeTests(AccessWorld world)
{
    [Fact]
    public async Task Member_code_signs_in_as_that_member_only()
    {
        var cards = (await world.Organiser.CodesAsync(world.BranchA.BranchId)).Codes;
        var (first, second) = (cards[2], cards[3]);

        foreach (var card in new[] { first, second })
        {
            using var phone = new ApiClient(world.Url);
            var signIn = await (await phone.MemberLoginAsync(card.Code)).ReadAsync<MeDto>();
            Assert.Equal(card.MemberNo, signIn.MemberNo);
            var me = await phone.MeAsync();
            Assert.Equal(("member", card.MemberNo, world.BranchA.BranchId, card.Name), (me.Role, me.MemberNo, me.BranchId, me.Name));
        }

        // Typed by hand: lower case and spaces instead of dashes still identify the same member.
        using (var typed = new ApiClient(world.Url))
        {
            var me = await (await typed.MemberLoginAsync(first.Code.ToLowerInvariant().Replace('-', ' '))).ReadAsync<MeDto>();
            Assert.Equal(first.MemberNo, me.MemberNo);
        }

        // The locator of one member with the secret part of another is no code at all.
        using var forger = new ApiClient(world.Url);
        var forged = first.Code[..4] + second.Code[4..];
        Assert.Equal("auth.bad-code", (await (await forger.MemberLoginAsync(forged)).ProblemAsync(HttpStatusCode.Unauthorized)).Code);
        await (await forger.Http.GetAsync("/api/auth/me")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoked_member_code_no_longer_signs_in()
    {
        var member = await world.Organiser.AddMemberAsync($"{AccessWorld.Prefix}R{world.Next():D3}", "撤销码", null, world.BranchB.BranchId);
        var oldCode = (await world.Organiser.CodesAsync(world.BranchB.BranchId)).Codes.Single(c => c.MemberNo == member.MemberNo).Code;
        using (var before = new ApiClient(world.Url))
        {
            await (await before.MemberLoginAsync(oldCode)).ExpectAsync(HttpStatusCode.OK);
        }

        var revoked = await (await world.Organiser.Http.PostAsync($"/api/org/members/{member.MemberNo}/revoke-code", null)).ReadAsync<MemberDto>();
        Assert.Equal(member.CodeGeneration + 1, revoked.CodeGeneration);

        using var after = new ApiClient(world.Url);
        Assert.Equal("auth.bad-code", (await (await after.MemberLoginAsync(oldCode)).ProblemAsync(HttpStatusCode.Unauthorized)).Code);
        var newCode = (await world.Organiser.CodesAsync(world.BranchB.BranchId)).Codes.Single(c => c.MemberNo == member.MemberNo).Code;
        Assert.NotEqual(oldCode, newCode);
        Assert.Equal(member.MemberNo, (await (await after.MemberLoginAsync(newCode)).ReadAsync<MeDto>()).MemberNo);
    }

    [Fact]
    public async Task A_phone_signed_in_before_its_code_is_revoked_or_its_member_removed_is_signed_out_on_its_next_request()
    {
        var revokedMember = await world.Organiser.AddMemberAsync($"{AccessWorld.Prefix}R{world.Next():D3}", "撤销中", null, world.BranchB.BranchId);
        var removedMember = await world.Organiser.AddMemberAsync($"{AccessWorld.Prefix}R{world.Next():D3}", "移除中", null, world.BranchB.BranchId);
        var codes = (await world.Organiser.CodesAsync(world.BranchB.BranchId)).Codes;
        using var revokedPhone = new ApiClient(world.Url);
        using var removedPhone = new ApiClient(world.Url);
        await (await revokedPhone.MemberLoginAsync(codes.Single(c => c.MemberNo == revokedMember.MemberNo).Code)).ExpectAsync(HttpStatusCode.OK);
        await (await removedPhone.MemberLoginAsync(codes.Single(c => c.MemberNo == removedMember.MemberNo).Code)).ExpectAsync(HttpStatusCode.OK);
        await (await revokedPhone.Http.GetAsync("/api/auth/me")).ExpectAsync(HttpStatusCode.OK);
        await (await removedPhone.Http.GetAsync("/api/auth/me")).ExpectAsync(HttpStatusCode.OK);

        await (await world.Organiser.Http.PostAsync($"/api/org/members/{revokedMember.MemberNo}/revoke-code", null)).ExpectAsync(HttpStatusCode.OK);
        await (await world.Organiser.Http.DeleteAsync($"/api/org/members/{removedMember.MemberNo}")).ExpectAsync(HttpStatusCode.NoContent);

        // Not "within two minutes" as before: the host that made the change knows at once, without a new cookie.
        await (await revokedPhone.Http.GetAsync("/api/member/rounds")).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await removedPhone.Http.GetAsync("/api/member/rounds")).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await revokedPhone.Http.GetAsync("/api/auth/me")).ExpectAsync(HttpStatusCode.Unauthorized);
    }
}
