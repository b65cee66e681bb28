using Myna.Core.Lifecycle;
using Myna.Core.Text.Messages;

namespace Myna.Core.Tests.Text;

/// <summary>
/// Issue 19 point 2: a history line's note is kept as a catalogue message, so the timeline shows it in the reader's language;
/// prose kept from before (or a clerk's own words) comes back as written.
/// </summary>
public sealed class StoredMessageTests
{
    [Fact]
    public void WriteThenRead_WithNestedDaysAndLists_SameMessageInBothLanguages()
    {
        var endorsed = HistoryNotes.Endorsed.With(HistoryNotes.Joined([HistoryNotes.AddressChange, HistoryNotes.ExpiryChange]), 2, 4);
        var notice = HistoryNotes.NoticeSent.With("0420212026000001", LifecycleMessages.Day(new DateOnly(2027, 1, 4)));

        foreach (var message in new[] { endorsed, notice })
        {
            var stored = StoredMessage.Write(message);
            Assert.True(StoredMessage.TryRead(stored, out var read));
            Assert.Equal(message, read);
            Assert.Equal(message.Ja, read.Ja);
            Assert.Equal(message.En, read.En);
        }
        Assert.Equal("住所の変更、有効期限（在留期間の変更）：追記欄 2/4 行目・ICチップ更新", StoredMessage.Show(StoredMessage.Write(endorsed), english: false));
        Assert.Equal("issuance notice 0420212026000001, to collect by 2027-01-04 (令和9年1月4日)", StoredMessage.Show(StoredMessage.Write(notice), english: true));
    }

    [Theory]
    [InlineData("住所の変更 — 窓口で確認済み")]
    [InlineData("{\"m\":\"no-such.code\",\"a\":[]}")]
    [InlineData("{\"m\":")]
    [InlineData("{\"m\":42}")]
    [InlineData("")]
    public void Show_ProseOrAnUnknownCode_ComesBackAsWritten(string stored)
    {
        Assert.False(StoredMessage.TryRead(stored, out _));
        Assert.Equal(stored, StoredMessage.Show(stored, english: true));
        Assert.Null(StoredMessage.Json(stored));
    }

    [Fact]
    public void Show_RegisterNoteWithAMessageAfterTheFields_FieldsKeptWordsTranslated()
    {
        var note = "Status — " + StoredMessage.Write(HistoryNotes.MovedAbroadContinued.With("英国"));

        Assert.Equal("Status — 国外転出（英国）・国外継続利用", StoredMessage.Show(note, english: false));
        Assert.Equal("Status — moved abroad (英国), the card continued abroad", StoredMessage.English(note));
        Assert.Equal("history.moved-abroad.continued", StoredMessage.Json(note)!.Code);
        Assert.Null(StoredMessage.English(null));
    }
}
