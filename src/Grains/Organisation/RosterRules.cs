using System.Text.RegularExpressions;

namespace Engagement.Organisation;

/// <summary>
/// The rules a roster must meet before anything is imported. Either every row is valid and the whole
/// roster comes back as entries, or nothing does and every bad row is listed: an import is never
/// half-applied.
/// </summary>
public static partial class RosterRules
{
    public const int MaxRows = 50_000;
    public const int MaxNameLength = 32;
    public const int MaxUnitLength = 64;

    public enum Field { District, Branch, Name, MemberNo, Phone }

    /// <summary>Header spellings accepted per field, in Chinese or English, compared without case or spaces.</summary>
    public static readonly IReadOnlyDictionary<Field, string[]> HeaderAliases = new Dictionary<Field, string[]>
    {
        [Field.District] = ["片区", "党建片区", "district", "area"],
        [Field.Branch] = ["党支部", "支部", "branch", "partybranch"],
        [Field.Name] = ["姓名", "name", "fullname"],
        [Field.MemberNo] = ["党员编号", "编号", "工号", "memberno", "membernumber", "member_no", "memberid", "id"],
        [Field.Phone] = ["手机号", "手机", "手机号码", "联系电话", "phone", "mobile", "phonenumber"],
    };

    public static RosterValidation Validate(RosterTable table)
    {
        var errors = new List<RosterError>();
        if (table.Headers.All(h => Text.Clean(h).Length == 0) && table.Rows.Count == 0)
        {
            return RosterValidation.Failed([new RosterError(1, null, RosterProblem.EmptyFile)]);
        }

        var columns = MapColumns(table.Headers, table.HeaderLine, errors);
        if (errors.Count > 0)
        {
            return RosterValidation.Failed(errors);
        }

        if (table.Rows.Count == 0)
        {
            return RosterValidation.Failed([new RosterError(1, null, RosterProblem.EmptyFile)]);
        }

        if (table.Rows.Count > MaxRows)
        {
            return RosterValidation.Failed([new RosterError(table.Rows[MaxRows].Line, null, RosterProblem.TooManyRows, MaxRows.ToString())]);
        }

        var entries = new List<RosterEntry>(table.Rows.Count);
        var firstLineOfMember = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var districtOfBranch = new Dictionary<string, (string District, int Line)>();
        foreach (var row in table.Rows)
        {
            string Cell(Field f) => columns.TryGetValue(f, out var i) && i < row.Cells.Count ? Text.Clean(row.Cells[i]) : string.Empty;
            string Header(Field f) => columns.TryGetValue(f, out var i) ? table.Headers[i] : f.ToString();

            var district = Cell(Field.District);
            var branch = Cell(Field.Branch);
            var name = Cell(Field.Name);
            // Member numbers are compared without case: "dy001" and "DY001" are one person.
            var memberNo = Cell(Field.MemberNo).ToUpperInvariant();
            var phone = NormalisePhone(Cell(Field.Phone));
            var rowErrors = errors.Count;

            Require(district, Field.District, MaxUnitLength);
            Require(branch, Field.Branch, MaxUnitLength);
            Require(name, Field.Name, MaxNameLength);
            if (Require(memberNo, Field.MemberNo, MaxNameLength) && !MemberNoPattern().IsMatch(memberNo))
            {
                errors.Add(new RosterError(row.Line, Header(Field.MemberNo), RosterProblem.BadMemberNo, memberNo));
            }

            if (phone.Length > 0 && !PhonePattern().IsMatch(phone))
            {
                errors.Add(new RosterError(row.Line, Header(Field.Phone), RosterProblem.BadPhone, Cell(Field.Phone)));
            }

            if (memberNo.Length > 0)
            {
                if (firstLineOfMember.TryGetValue(memberNo, out var first))
                {
                    errors.Add(new RosterError(row.Line, Header(Field.MemberNo), RosterProblem.DuplicateMemberNo, memberNo, first));
                }
                else
                {
                    firstLineOfMember[memberNo] = row.Line;
                }
            }

            if (branch.Length > 0 && district.Length > 0)
            {
                var key = Text.Key(branch);
                if (districtOfBranch.TryGetValue(key, out var seen))
                {
                    if (Text.Key(seen.District) != Text.Key(district))
                    {
                        errors.Add(new RosterError(row.Line, Header(Field.District), RosterProblem.BranchInTwoDistricts, district, seen.Line));
                    }
                }
                else
                {
                    districtOfBranch[key] = (district, row.Line);
                }
            }

            if (errors.Count == rowErrors)
            {
                entries.Add(new RosterEntry(district, branch, name, memberNo, phone.Length == 0 ? null : phone));
            }

            bool Require(string value, Field field, int maxLength)
            {
                if (value.Length == 0)
                {
                    errors.Add(new RosterError(row.Line, Header(field), RosterProblem.Required));
                    return false;
                }

                if (value.Length > maxLength)
                {
                    errors.Add(new RosterError(row.Line, Header(field), RosterProblem.TooLong, maxLength.ToString()));
                    return false;
                }

                return true;
            }
        }

        return errors.Count > 0 ? RosterValidation.Failed(errors) : RosterValidation.Succeeded(entries);
    }

    /// <summary>The same clean-up the file rules apply, for entries that arrive some other way.</summary>
    public static RosterEntry Normalise(RosterEntry entry) => new(
        Text.Clean(entry.District),
        Text.Clean(entry.Branch),
        Text.Clean(entry.Name),
        Text.Clean(entry.MemberNo).ToUpperInvariant(),
        NormalisePhone(Text.Clean(entry.Phone)) is { Length: > 0 } phone ? phone : null);

    /// <summary>Validates one member typed into the console, with the same rules as a roster line.</summary>
    public static MemberEdit ValidateMember(MemberEdit edit)
    {
        var name = Text.Clean(edit.Name);
        var memberNo = Text.Clean(edit.MemberNo).ToUpperInvariant();
        var phone = NormalisePhone(Text.Clean(edit.Phone));
        if (memberNo.Length == 0 || memberNo.Length > MaxNameLength || !MemberNoPattern().IsMatch(memberNo))
        {
            throw RuleViolation.Invalid("member.bad-member-no", memberNo);
        }

        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            throw RuleViolation.Invalid("member.bad-name", MaxNameLength.ToString());
        }

        if (phone.Length > 0 && !PhonePattern().IsMatch(phone))
        {
            throw RuleViolation.Invalid("member.bad-phone", phone);
        }

        return edit with { Name = name, MemberNo = memberNo, Phone = phone.Length == 0 ? null : phone };
    }

    public static BranchEdit ValidateBranch(BranchEdit edit)
    {
        var name = Text.Clean(edit.Name);
        var district = Text.Clean(edit.District);
        if (name.Length == 0 || name.Length > MaxUnitLength)
        {
            throw RuleViolation.Invalid("branch.bad-name", MaxUnitLength.ToString());
        }

        if (district.Length == 0 || district.Length > MaxUnitLength)
        {
            throw RuleViolation.Invalid("branch.bad-district", MaxUnitLength.ToString());
        }

        return new BranchEdit(name, district);
    }

    private static Dictionary<Field, int> MapColumns(IReadOnlyList<string> headers, int headerLine, List<RosterError> errors)
    {
        var columns = new Dictionary<Field, int>();
        for (var i = 0; i < headers.Count; i++)
        {
            var key = Text.Key(headers[i]).ToLowerInvariant();
            foreach (var (field, aliases) in HeaderAliases)
            {
                if (!aliases.Contains(key))
                {
                    continue;
                }

                if (!columns.TryAdd(field, i))
                {
                    errors.Add(new RosterError(headerLine, headers[i], RosterProblem.DuplicateColumn));
                }
            }
        }

        foreach (var field in new[] { Field.District, Field.Branch, Field.Name, Field.MemberNo })
        {
            if (!columns.ContainsKey(field))
            {
                errors.Add(new RosterError(headerLine, HeaderAliases[field][0], RosterProblem.MissingColumn));
            }
        }

        return columns;
    }

    /// <summary>People write phone numbers with spaces, dashes, dots and brackets; only those are removed.</summary>
    private static string NormalisePhone(string phone) => PhoneSeparators().Replace(phone, string.Empty);

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex PhoneSeparators();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex MemberNoPattern();

    [GeneratedRegex(@"^\+?[0-9]{5,15}$")]
    private static partial Regex PhonePattern();
}

public sealed record RosterValidation(IReadOnlyList<RosterEntry> Entries, IReadOnlyList<RosterError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public static RosterValidation Succeeded(IReadOnlyList<RosterEntry> entries) => new(entries, []);
    public static RosterValidation Failed(IReadOnlyList<RosterError> errors) => new([], errors);
}
