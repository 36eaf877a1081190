namespace Engagement.Selection.Rules;

/// <param name="MaxPoints">The most a judge may give on this criterion.</param>
/// <param name="Weight">Multiplies the mark in the total; 1 in the usual points-out-of-100 rubric.</param>
public sealed record Criterion(string Id, string Name, decimal MaxPoints, decimal Weight = 1m);

/// <summary>What judges mark a case on. Criteria are listed in their tie-break priority order.</summary>
public sealed record Rubric(IReadOnlyList<Criterion> Criteria)
{
    /// <summary>The common 优秀主题党日活动案例 rubric, out of 100.</summary>
    public static Rubric Default { get; } = new(Array.AsReadOnly(new[]
    {
        new Criterion("theme", "主题突出", 30m),
        new Criterion("form", "形式创新", 25m),
        new Criterion("participation", "参与广泛", 20m),
        new Criterion("results", "成效显著", 25m),
    }));

    /// <summary>The best possible weighted total. Computed, so <c>with</c> copies never carry a stale one.</summary>
    public decimal MaxTotal => Criteria.Sum(c => c.Weight * c.MaxPoints);
}

public static class RubricRules
{
    public const int MaxCriteria = 10;

    /// <summary>Ids are short keys in scores and exports; names fit a judge's tablet column.</summary>
    public const int MaxIdLength = 32;
    public const int MaxNameLength = 40;

    /// <summary>Marks are whole or to one decimal (27.5 is common; 27.25 is a typing slip).</summary>
    public const int MarkDecimals = 1;

    // Reasons carried as the first argument of "rubric.invalid".
    public const string TooFewOrManyCriteria = "criteria-count";
    public const string EmptyId = "id-empty";
    public const string LongId = "id-long";
    public const string LongName = "name-long";
    public const string DuplicateId = "id-duplicate";
    public const string EmptyName = "name-empty";
    public const string DuplicateName = "name-duplicate";
    public const string NonPositiveMaxPoints = "max-points";
    public const string NonPositiveWeight = "weight";

    /// <summary>
    /// Checks one judge's marks for a case and returns the weighted total, Σ weight × mark.
    /// Every criterion must be marked exactly once (ids compared ordinally), nothing else may be,
    /// and each mark is 0 ≤ mark ≤ MaxPoints with at most one decimal place.
    /// Problems are reported in that order; the first found is thrown.
    /// </summary>
    /// <exception cref="RubricViolation">"marks.unknown", "marks.missing", "marks.out-of-range" or
    /// "marks.precision" with the criterion id; "rubric.invalid" when the rubric itself is.</exception>
    public static decimal Total(Rubric rubric, IReadOnlyDictionary<string, decimal> marks)
    {
        Validate(rubric);
        ArgumentNullException.ThrowIfNull(marks);

        // Re-keyed ordinally so a case-insensitive dictionary cannot make "Theme" count as "theme".
        var byId = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (id, mark) in marks)
        {
            byId[id] = mark;
        }

        var known = rubric.Criteria.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = byId.Keys.Where(id => !known.Contains(id)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (unknown is not null)
        {
            throw new RubricViolation(RubricViolation.MarksUnknown, unknown);
        }

        var total = 0m;
        foreach (var criterion in rubric.Criteria)
        {
            if (!byId.TryGetValue(criterion.Id, out var mark))
            {
                throw new RubricViolation(RubricViolation.MarksMissing, criterion.Id);
            }

            if (mark < 0m || mark > criterion.MaxPoints)
            {
                throw new RubricViolation(RubricViolation.MarksOutOfRange, criterion.Id);
            }

            // By value, not by the decimal's scale: 27.50m is a one-decimal mark.
            var tenths = mark * 10m;
            if (tenths != decimal.Truncate(tenths))
            {
                throw new RubricViolation(RubricViolation.MarksPrecision, criterion.Id);
            }

            total += criterion.Weight * mark;
        }

        return total;
    }

    /// <summary>
    /// Checks a rubric definition: 1 to 10 criteria; ids and names non-blank and unique (ids ordinally,
    /// names after trimming); MaxPoints and Weight above zero.
    /// </summary>
    /// <exception cref="RubricViolation">"rubric.invalid" with the reason and, where one is at fault, the
    /// criterion id (or its 0-based position when the id is blank).</exception>
    public static void Validate(Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        var criteria = rubric.Criteria;
        if (criteria is null || criteria.Count is 0 or > MaxCriteria)
        {
            throw Invalid(TooFewOrManyCriteria, (criteria?.Count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            if (c is null || string.IsNullOrWhiteSpace(c.Id))
            {
                throw Invalid(EmptyId, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (c.Id.Length > MaxIdLength)
            {
                throw Invalid(LongId, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (!ids.Add(c.Id))
            {
                throw Invalid(DuplicateId, c.Id);
            }

            if (string.IsNullOrWhiteSpace(c.Name))
            {
                throw Invalid(EmptyName, c.Id);
            }

            if (c.Name.Trim().Length > MaxNameLength)
            {
                throw Invalid(LongName, c.Id);
            }

            if (!names.Add(c.Name.Trim()))
            {
                throw Invalid(DuplicateName, c.Id);
            }

            if (c.MaxPoints <= 0m)
            {
                throw Invalid(NonPositiveMaxPoints, c.Id);
            }

            if (c.Weight <= 0m)
            {
                throw Invalid(NonPositiveWeight, c.Id);
            }
        }
    }

    private static RubricViolation Invalid(string reason, string detail) =>
        new(RubricViolation.RubricInvalid, reason, detail);
}
