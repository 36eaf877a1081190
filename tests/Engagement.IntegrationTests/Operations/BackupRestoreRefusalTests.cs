using System.IO.Compression;
using Engagement.IntegrationTests.Support;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// A restore that should not happen does not: onto a directory that holds data (unless --force, which keeps the old
/// files aside), or from a file that is missing, damaged, cut short or not a backup at all; each says why in plain
/// words, exits non-zero and leaves the data directory as it was. One backup of a real app's store serves them all.
/// </summary>
[Collection(Collections.Durability)]
public sealed class BackupRestoreRefusalTests(BackupRestoreRefusalTests.GoodBackup good) : IClassFixture<BackupRestoreRefusalTests.GoodBackup>
{
    private readonly TempDirectory _temp = good.Temp;
    private readonly string _backup = good.File;

    /// <summary>A backup of a real app's store (a roster of two branches), made once for the class.</summary>
    public sealed class GoodBackup : IAsyncLifetime
    {
        public TempDirectory Temp { get; } = new();

        public string File => Path.Combine(Temp.Path, "good.zip");

        public async Task InitializeAsync()
        {
            var live = Path.Combine(Temp.Path, "live");
            await using (var app = await TestApps.StartEmbeddedAsync("backup-refusals", live))
            {
                using var organiser = await app.OrganiserAsync();
                await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("RF", 12, 2)), "roster.xlsx");
                await organiser.ShowOnScreenAsync("备份之前");
            }

            // Made with the app stopped this time: a backup does not need it running either.
            var made = await BackupCommand.EmbeddedAsync(live, "backup", File);
            Assert.True(made.ExitCode == 0, made.ToString());
        }

        public Task DisposeAsync()
        {
            Temp.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Restore_onto_a_directory_with_data_is_refused_and_force_moves_the_old_files_aside_without_deleting_them()
    {
        var target = Path.Combine(_temp.Path, "occupied");
        Directory.CreateDirectory(Path.Combine(target, "notes"));
        await File.WriteAllTextAsync(Path.Combine(target, "engagement.db"), "an older database");
        await File.WriteAllTextAsync(Path.Combine(target, "access.key"), "an older key");
        await File.WriteAllTextAsync(Path.Combine(target, "notes", "readme.txt"), "kept");

        var refused = await BackupCommand.EmbeddedAsync(target, "restore", _backup);
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("already holds data", refused.Output);
        Assert.Contains("--force", refused.Output);
        Assert.Equal("an older database", await File.ReadAllTextAsync(Path.Combine(target, "engagement.db")));

        var forced = await BackupCommand.EmbeddedAsync(target, "restore", _backup, "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        var aside = Assert.Single(Directory.GetDirectories(target, "before-restore-*"));
        Assert.Contains(aside, forced.Output);
        Assert.Equal("an older database", await File.ReadAllTextAsync(Path.Combine(aside, "engagement.db")));
        Assert.Equal("an older key", await File.ReadAllTextAsync(Path.Combine(aside, "access.key")));
        Assert.Equal("kept", await File.ReadAllTextAsync(Path.Combine(aside, "notes", "readme.txt")));
        Assert.NotEqual("an older key", await File.ReadAllTextAsync(Path.Combine(target, "access.key")));

        // The restored directory is a working store: the check command reads it back.
        var check = await BackupCommand.EmbeddedAsync(target, "check");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("branches: 2", check.Output);
    }

    [Fact]
    public async Task The_check_command_describes_a_good_backup()
    {
        var check = await BackupCommand.RunAsync("check", _backup);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("is a readable Engagement backup", check.Output);
        Assert.Contains("branches: 2", check.Output);
        Assert.Contains("every hash chain and ballot box verifies", check.Output);
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "missing", "There is no file at" },
        { "truncated", "damaged" },
        { "flipped", "damaged" },
        { "not-a-zip", "damaged or is not a zip file" },
        { "foreign-zip", "is not an Engagement backup" },
        { "escaping-path", "outside the data directory" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_backup_file_is_refused_with_a_clear_message_and_changes_nothing(string kind, string message)
    {
        var file = await MakeBadFileAsync(kind);
        var target = Path.Combine(_temp.Path, "target-" + kind);
        Directory.CreateDirectory(target);
        await File.WriteAllTextAsync(Path.Combine(target, "engagement.db"), "current database");

        var check = await BackupCommand.RunAsync("check", file);
        Assert.True(check.ExitCode != 0, check.ToString());
        Assert.Contains(message, check.Output);
        Assert.DoesNotContain("   at ", check.Output); // a sentence, not a stack trace

        var restore = await BackupCommand.EmbeddedAsync(target, "restore", file, "--force");
        Assert.True(restore.ExitCode != 0, restore.ToString());
        Assert.Contains(message, restore.Output);
        Assert.Equal("current database", await File.ReadAllTextAsync(Path.Combine(target, "engagement.db")));
        Assert.Empty(Directory.GetDirectories(target));
    }

    private async Task<string> MakeBadFileAsync(string kind)
    {
        var path = Path.Combine(_temp.Path, kind + ".zip");
        var good = await File.ReadAllBytesAsync(_backup);
        switch (kind)
        {
            case "missing":
                break;
            case "truncated":
                await File.WriteAllBytesAsync(path, good[..(good.Length * 2 / 3)]);
                break;
            case "flipped":
                // One byte changed inside the compressed database: the zip's CRC or the manifest's checksum catches it.
                var copy = (byte[])good.Clone();
                copy[good.Length / 3] ^= 0x5A;
                await File.WriteAllBytesAsync(path, copy);
                break;
            case "not-a-zip":
                await File.WriteAllTextAsync(path, "姓名,党员编号\n张三,001\n");
                break;
            case "foreign-zip":
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
                {
                    zip.CreateEntry("report.txt");
                }

                break;
            case "escaping-path":
                // A manifest naming a file outside the data directory: refused before anything is written.
                File.Copy(_backup, path);
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
                {
                    var entry = zip.GetEntry("manifest.json")!;
                    string text;
                    using (var reader = new StreamReader(entry.Open()))
                    {
                        text = await reader.ReadToEndAsync();
                    }

                    entry.Delete();
                    using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
                    await writer.WriteAsync(text.Replace("\"path\": \"access.key\"", "\"path\": \"../escaped.key\""));
                }

                break;
        }

        return path;
    }
}
