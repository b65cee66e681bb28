using Microsoft.EntityFrameworkCore;
using Myna.Core.Identifiers;

namespace Myna.National.NationalApi;

/// <summary>What a state-changing call finds under its idempotency key.</summary>
public abstract record KeyedCall
{
    /// <summary>New: the call is recorded as begun; act, then <see cref="IdempotencyKeys.CompleteAsync"/> (or abandon it).</summary>
    public sealed record Begun : KeyedCall;

    /// <summary>Done before: give this answer again without acting.</summary>
    public sealed record Answered(int Status, string Answer) : KeyedCall;

    /// <summary>Done before, answer not kept (it carried numbers): ask the contract again, which is idempotent for it.</summary>
    public sealed record AskAgain : KeyedCall;

    /// <summary>Another call with this key is being served now.</summary>
    public sealed record InProgress : KeyedCall;

    /// <summary>The key was used for another operation, municipality or body.</summary>
    public sealed record Reused : KeyedCall;
}

/// <summary>The national store's idempotency keys of the national API (ARCHITECTURE principle 3).</summary>
public sealed class IdempotencyKeys(NationalStore stores, TimeProvider time)
{
    /// <summary>A call begun this long ago without an answer was cut off; a repeat serves it (longer than any contract call's timeout).</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(5);

    public async Task<KeyedCall> BeginAsync(Guid key, MunicipalityCode caller, string operation, byte[] fingerprint, CancellationToken ct)
    {
        await using var db = stores.OpenNational();
        if (await FindAsync(db, key, ct) is { } held)
        {
            var judged = Judge(held, caller, operation, fingerprint);
            if (judged is KeyedCall.InProgress && time.GetUtcNow() - held.ReceivedAt > Abandoned
                && await db.NationalApiCalls.Where(c => c.IdempotencyKey == key && c.CompletedAt == null && c.ReceivedAt == held.ReceivedAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReceivedAt, time.GetUtcNow()), ct) == 1)
            {
                // The host serving it died before answering (a kill -9): the retry takes the call over, so it converges (principle 3).
                return new KeyedCall.Begun();
            }
            return judged;
        }
        db.NationalApiCalls.Add(new NationalApiCall
        {
            IdempotencyKey = key, MunicipalityCode = caller.Value, Operation = operation, Fingerprint = fingerprint, ReceivedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return new KeyedCall.Begun();
        }
        catch (DbUpdateException)
        {
            // The same key arrived twice at once: the other one won the insert.
            await using var again = stores.OpenNational();
            return await FindAsync(again, key, ct) is { } other ? Judge(other, caller, operation, fingerprint) : new KeyedCall.InProgress();
        }
    }

    /// <summary>Keeps the answer (null: not kept, a repeat asks the contract again).</summary>
    public async Task CompleteAsync(Guid key, int status, string? answer, CancellationToken ct)
    {
        await using var db = stores.OpenNational();
        var call = await db.NationalApiCalls.SingleAsync(c => c.IdempotencyKey == key, ct);
        call.Status = status;
        call.Answer = answer;
        call.CompletedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The call failed without an answer (the national side broke): the key is free for the retry.</summary>
    public async Task AbandonAsync(Guid key)
    {
        await using var db = stores.OpenNational();
        await db.NationalApiCalls.Where(c => c.IdempotencyKey == key && c.CompletedAt == null).ExecuteDeleteAsync();
    }

    private static Task<NationalApiCall?> FindAsync(NationalDb db, Guid key, CancellationToken ct) =>
        db.NationalApiCalls.AsNoTracking().SingleOrDefaultAsync(c => c.IdempotencyKey == key, ct);

    private static KeyedCall Judge(NationalApiCall held, MunicipalityCode caller, string operation, byte[] fingerprint) =>
        held.MunicipalityCode != caller.Value || held.Operation != operation || !held.Fingerprint.AsSpan().SequenceEqual(fingerprint) ? new KeyedCall.Reused()
        : held.CompletedAt is null ? new KeyedCall.InProgress()
        : held is { Status: { } status, Answer: { } answer } ? new KeyedCall.Answered(status, answer)
        : new KeyedCall.AskAgain();
}
