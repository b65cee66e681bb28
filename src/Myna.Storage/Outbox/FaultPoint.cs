using System.Diagnostics;

namespace Myna.Storage.Outbox;

/// <summary>
/// Crash points for the kill tests of ARCHITECTURE principle 3: when the environment variable
/// <c>MYNA_FAULT</c> names a point, the process kills itself there (SIGKILL, no cleanup), exactly as
/// a power cut would. Without the variable nothing happens.
/// </summary>
public static class FaultPoint
{
    public const string Variable = "MYNA_FAULT";

    /// <summary>The local effect and its outbox message are committed; nothing was delivered yet.</summary>
    public const string Recorded = "outbox-recorded";

    /// <summary>The receiver committed its effect; the sender has not recorded the acknowledgement.</summary>
    public const string Delivered = "outbox-delivered";

    private static readonly string? Armed = Environment.GetEnvironmentVariable(Variable);

    /// <summary>
    /// Kills the process when the armed point is <paramref name="point"/>, or <c>point:kind</c> for a message of that kind
    /// (e.g. <c>outbox-delivered:card.continue</c>: after the card's continuation, not after the message before it).
    /// </summary>
    public static void Reach(string point, string? kind = null)
    {
        if (Armed is not null && (string.Equals(Armed, point, StringComparison.Ordinal)
            || kind is not null && string.Equals(Armed, point + ":" + kind, StringComparison.Ordinal)))
        {
            Console.Error.Flush();
            Process.GetCurrentProcess().Kill();
        }
    }
}
