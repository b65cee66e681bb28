using System.Text;

namespace Myna.Core.Text;

/// <summary>
/// Streaming RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, line breaks inside
/// quotes. Holds one record at a time, so memory does not grow with the file.
/// </summary>
public sealed class CsvReader(TextReader reader)
{
    private readonly List<string> fields = [];
    private readonly StringBuilder field = new();
    private long line = 1;

    /// <summary>File line (1-based) on which the last record read starts.</summary>
    public long RecordLine { get; private set; }

    public IReadOnlyList<string> Fields => fields;

    /// <summary>Reads the next record; false at end of input. Throws <see cref="CsvFormatException"/> on an unclosed quote.</summary>
    public bool Read()
    {
        fields.Clear();
        field.Clear();
        RecordLine = line;
        var c = reader.Read();
        if (c < 0)
        {
            return false;
        }
        var inQuotes = false;
        var quotedField = false;
        while (true)
        {
            if (c < 0)
            {
                if (inQuotes)
                {
                    throw new CsvFormatException(RecordLine, "a quoted field is not closed before the end of the file");
                }
                EndField();
                return true;
            }
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }
                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0 && !quotedField)
            {
                inQuotes = true;
                quotedField = true;
            }
            else if (ch == ',')
            {
                EndField();
                quotedField = false;
            }
            else if (ch == '\r' && reader.Peek() == '\n')
            {
                // CR of a CRLF: the LF ends the record.
            }
            else if (ch == '\n')
            {
                line++;
                EndField();
                return true;
            }
            else
            {
                field.Append(ch);
            }
            c = reader.Read();
        }
    }

    private void EndField()
    {
        fields.Add(field.ToString());
        field.Clear();
    }
}

public sealed class CsvFormatException(long line, string reason) : FormatException($"line {line}: {reason}")
{
    public long Line { get; } = line;
    public string Reason { get; } = reason;
}

/// <summary>Writes RFC 4180 records, quoting only where needed.</summary>
public sealed class CsvWriter(TextWriter writer)
{
    public void WriteRecord(IEnumerable<string?> values)
    {
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                writer.Write(',');
            }
            first = false;
            WriteField(value ?? "");
        }
        writer.Write("\r\n");
    }

    private void WriteField(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }
        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
