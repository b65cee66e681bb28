using Myna.Core.Text.Messages;

namespace Myna.Core.Calendar;

/// <summary>Why a period cannot be reported (DOMAIN §11.2, §8.4).</summary>
[MessageCatalogue]
public static class ReportPeriodMessages
{
    public static readonly MessageText FromOutOfRange = new("period.from.out-of-range", "開始日は {0} から {1} までの日付にしてください。", "from is between {0} and {1}");
    public static readonly MessageText ToOutOfRange = new("period.to.out-of-range", "終了日は {0} から {1} までの日付にしてください。", "to is between {0} and {1}");
    public static readonly MessageText EndsBeforeStart = new("period.reversed", "終了日が開始日より前です。", "the period ends before it starts");
    public static readonly MessageText TooLong = new("period.too-long", "期間は{0}年以内にしてください。", "a period is at most {0} years long");
}
