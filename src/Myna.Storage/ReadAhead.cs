using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Myna.Storage;

/// <summary>
/// Runs the CPU work of a batch (parsing, validating, deriving) on a second core, a bounded
/// number of items ahead of the thread that writes to the database. Memory stays bounded by
/// <c>capacity</c>; an exception of the source surfaces to the consumer unchanged.
/// </summary>
public static class ReadAhead
{
    public static async IAsyncEnumerable<TOut> MapAsync<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, int capacity,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var channel = Channel.CreateBounded<TOut>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var item in source)
                {
                    await channel.Writer.WriteAsync(map(item), stop.Token);
                }
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, stop.Token);
        var consumed = false;
        try
        {
            while (await channel.Reader.WaitToReadAsync(ct))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
            consumed = true;
        }
        finally
        {
            if (!consumed)
            {
                // The consumer stopped early: end the producer and wait for it, without letting its
                // outcome replace the consumer's own exception.
                await stop.CancelAsync();
                await Task.WhenAny(producer);
            }
        }
        await producer; // rethrows a failure of the source (e.g. a malformed CSV)
    }
}
