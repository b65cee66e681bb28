using Microsoft.EntityFrameworkCore;

namespace Myna.Storage.Outbox;

/// <summary>The outbox and inbox tables in a store's model. Message IDs are stored as text, the same on both providers.</summary>
public static class OutboxModel
{
    public static void Configure(ModelBuilder b, bool withOutbox)
    {
        if (withOutbox)
        {
            b.Entity<OutboxMessage>(e =>
            {
                e.ToTable("outbox_messages");
                e.Property(x => x.MessageId).HasConversion(g => g.ToString("D"), s => Guid.Parse(s));
                e.HasIndex(x => x.MessageId).IsUnique();
                e.HasIndex(x => x.AcknowledgedAt);
            });
        }
        b.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox_messages");
            e.HasKey(x => x.MessageId);
            e.Property(x => x.MessageId).HasConversion(g => g.ToString("D"), s => Guid.Parse(s));
        });
    }
}
