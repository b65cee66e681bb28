using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Notices;
using Myna.Testing;

namespace Myna.Cli.Tests;

/// <summary><c>myna notices …</c> as an administrator runs it.</summary>
public sealed class NoticeCliTests
{
    [Fact]
    public async Task Generate_WritesShiftJisPrintDataAndPdfs_ThenPostedRecordsMailNumbers()
    {
        await using var stores = await RegisterScenarios.NumberedAsync("sqlite", 12);
        var output = Path.Combine(stores.Root, "print");

        var (exit, text, error) = await MynaCli.RunAsync(stores, null, "notices", "generate", "--date", "令和8年11月24日", "--out", output, "--encoding", "cp932");

        Assert.True(exit == 0, error);
        Assert.Contains("個人番号通知書, 12 notices", text, StringComparison.Ordinal);
        var csv = File.ReadAllText(Path.Combine(output, "notices-000001.csv"), Encoding.GetEncoding(932));
        Assert.StartsWith("batch_id,envelope_no,position,delivery", csv, StringComparison.Ordinal);
        Assert.Contains(",letter,", csv, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(output, "notices-000001-*.pdf"));
        Assert.Empty(Directory.GetFiles(output, "*.partial"));

        // The output lost (e.g. cut short after the batch was finished): printed again, each output audited.
        File.Delete(Path.Combine(output, "notices-000001.csv"));
        var again = await MynaCli.RunAsync(stores, null, "notices", "print", "1", "--out", output, "--encoding", "cp932");
        Assert.True(again.ExitCode == 0, again.Err);
        Assert.Equal(csv, File.ReadAllText(Path.Combine(output, "notices-000001.csv"), Encoding.GetEncoding(932)));
        Assert.Equal(1, (await MynaCli.RunAsync(stores, null, "notices", "print", "99", "--out", output)).ExitCode);
        await using (var audit = stores.OpenMunicipal())
        {
            Assert.Equal(2, await audit.AuditRecords.CountAsync(a => a.Action == Core.Audit.AuditActions.NoticesPrinted && a.Subject == "notice-batch:1"));
        }

        await using var db = stores.OpenMunicipal();
        var envelopes = await db.NoticeEnvelopes.OrderBy(e => e.Sequence).ToListAsync();
        var bad = Path.Combine(stores.Root, "bad.csv");
        await File.WriteAllTextAsync(bad, "batch_id,envelope_no,registered_mail_number\n1,1,111122223333\n1,2,123\n");
        var refused = await MynaCli.RunAsync(stores, null, "notices", "posted", bad);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("nothing was recorded", refused.Err, StringComparison.Ordinal);

        var good = Path.Combine(stores.Root, "posted.csv");
        await File.WriteAllLinesAsync(good, ["batch_id,envelope_no,registered_mail_number",
            .. envelopes.Select(e => $"{e.BatchId},{e.Sequence},1111-2222-{e.Sequence:D4}")]);
        var posted = await MynaCli.RunAsync(stores, null, "notices", "posted", good);
        Assert.Equal(0, posted.ExitCode);
        db.ChangeTracker.Clear();
        Assert.All(await db.NoticeEnvelopes.ToListAsync(), e => Assert.Equal(MailState.Sent, e.State));
    }

    [Fact]
    public async Task Generate_BadOptions_AreUsageErrors()
    {
        await using var stores = await TestStores.CreateAsync("sqlite");
        Assert.Equal(2, (await MynaCli.RunAsync(stores, null, "notices", "generate", "--encoding", "latin1")).ExitCode);
        Assert.Equal(2, (await MynaCli.RunAsync(stores, null, "notices", "generate", "--date", "平成31年5月1日")).ExitCode);
    }
}
