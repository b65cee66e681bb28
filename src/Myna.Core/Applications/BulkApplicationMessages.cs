using Myna.Core.Text.Messages;

namespace Myna.Core.Applications;

/// <summary>What is wrong with an employer's bulk file or one of its rows (勤務先企業等による一括申請, DOMAIN §4.1), as the result report lists it.</summary>
[MessageCatalogue]
public static class BulkApplicationMessages
{
    /// <summary>{0} the expected column names, comma-separated.</summary>
    public static readonly MessageText Header = new("bulk-rule.header", "1行目は次の列名にしてください: {0}", "The first line must be: {0}");

    /// <summary>{0} the columns the row has, {1} the columns expected.</summary>
    public static readonly MessageText Columns = new("bulk-rule.columns", "列の数が{0}です（{1}列必要）。", "{0} columns, {1} expected");

    public static readonly MessageText PhotoNotInZip = new("bulk-rule.photo.missing", "写真ファイル「{0}」がzipにありません。", "photo file '{0}' is not in the zip");
    public static readonly MessageText PhotoTooLarge = new("bulk-rule.photo.too-large", "写真ファイルが大きすぎます。", "the photo file is too large");

    /// <summary>{0} the column's name.</summary>
    public static readonly MessageText Flag = new("bulk-rule.flag", "{0} は 1 か 0 で指定してください。", "{0} must be 1 or 0");

    public static readonly MessageText TooManyRows = new("bulk-rule.rows.too-many", "1ファイル{0}件までです。", "at most {0} rows per file");
    public static readonly MessageText NoRows = new("bulk-rule.rows.none", "申請の行がありません。", "the file has no applications");

    /// <summary>{0} the line where the same application ID first appears.</summary>
    public static readonly MessageText DuplicateId = new("bulk-rule.application-id.duplicate", "同じ申請書IDが{0}行目にもあります。",
        "the same application ID is on line {0}");
}
