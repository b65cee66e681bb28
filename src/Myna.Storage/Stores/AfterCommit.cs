using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Myna.Storage.Stores;

/// <summary>
/// Work that may run only once a transaction has committed, and must run before the commit
/// returns to the code that asked for it: moving the audit anchor (DOMAIN §12) to a record
/// that can no longer roll back. Work registered on a transaction that rolls back, fails or is
/// disposed uncommitted is dropped with it.
/// </summary>
public sealed class AfterCommit : DbTransactionInterceptor
{
    public static readonly AfterCommit Instance = new();

    // Keyed by the ADO.NET transaction: it lives exactly as long as the work may still run.
    private static readonly ConditionalWeakTable<DbTransaction, List<Entry>> Pending = [];

    private sealed record Entry(object Owner, object State, Func<Task> Work);

    /// <summary>
    /// The state <paramref name="owner"/> keeps for the context's current transaction, created
    /// (and its work registered to run after the commit) on the owner's first call in that
    /// transaction; later calls in the same transaction get the same state back.
    /// </summary>
    public static T Enlist<T>(DbContext db, object owner, Func<T> create, Func<T, Task> work) where T : class
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("after-commit work needs an open transaction");
        if (db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.Contains(Instance) != true)
        {
            // Without the interceptor the work would silently never run.
            throw new InvalidOperationException("this context was not opened through Stores: nothing would run after its commit");
        }
        var entries = Pending.GetOrCreateValue(transaction);
        if (entries.Find(e => ReferenceEquals(e.Owner, owner)) is { State: T existing })
        {
            return existing;
        }
        var state = create();
        entries.Add(new Entry(owner, state, () => work(state)));
        return state;
    }

    // A provider may hand out the same transaction object again (Npgsql reuses it per
    // connection): work left by a transaction disposed uncommitted must not run on the next.
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Pending.Remove(result);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Pending.Remove(result);
        return ValueTask.FromResult(result);
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Pending.TryGetValue(transaction, out var work))
        {
            Pending.Remove(transaction);
            // Not cancellable: the transaction has committed, so its after-commit work must finish.
            foreach (var entry in work)
            {
                await entry.Work();
            }
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionCommittedAsync(transaction, eventData).GetAwaiter().GetResult();

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Pending.Remove(transaction);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Pending.Remove(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Pending.Remove(transaction);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Pending.Remove(transaction);
        return Task.CompletedTask;
    }
}
