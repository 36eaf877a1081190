namespace Engagement.Tests.Testing;

/// <summary>Finds the repository's source files, for tests that check the code base itself.</summary>
public static class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static IEnumerable<string> CSharpFiles(string relativeDirectory) =>
        Directory.EnumerateFiles(Path.Combine(Root, relativeDirectory), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "src", "Grains", "Engagement.Grains.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No src/Grains above {AppContext.BaseDirectory}.");
    }
}
