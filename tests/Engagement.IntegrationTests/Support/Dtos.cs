namespace Engagement.IntegrationTests.Support;

// What the API returns, as a client reads it (camelCase JSON). Kept separate from src on purpose:
// these tests see the app only from the outside.

public sealed record OverviewDto(long Revision, List<DistrictDto> Districts, List<BranchDto> Branches, int MemberCount);

public sealed record DistrictDto(string Name, int BranchCount, int MemberCount);

public sealed record BranchDto(string BranchId, string Name, string District, int MemberCount);

public sealed record MemberDto(string MemberNo, string Name, string? Phone, string BranchId, int Seq, int CodeGeneration);

public sealed record BranchDetailsDto(BranchDto Branch, List<MemberDto> Members);

public sealed record ImportSummaryDto(int Rows, int MembersAdded, int MembersUpdated, int MembersMoved, int MembersUnchanged, int BranchesCreated);

public sealed record ScreenDto(string ScreenId, long Revision, string Headline, string? Notice, DateTimeOffset ChangedAt);

public sealed record CodeSheetDto(BranchDto Branch, List<CodeCardDto> Codes);

public sealed record CodeCardDto(string MemberNo, string Name, string Code, string Link);

public sealed record MeDto(string Role, string Name, string? UserName, string? MemberNo, string? BranchId, string? BranchName, string? District);

public sealed record ProblemDto(string? Type, string? Title, int? Status, string? Detail, string? Code, List<ImportErrorDto>? Errors);

public sealed record ImportErrorDto(int Line, string? Column, string Reason, string Problem);
