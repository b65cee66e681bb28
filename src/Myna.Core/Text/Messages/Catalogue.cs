using System.Collections.Frozen;
using System.Reflection;

namespace Myna.Core.Text.Messages;

/// <summary>
/// The one message catalogue of the domain and data layers (ARCHITECTURE 6): every <see cref="MessageText"/>
/// declared as a public static field of a class marked <see cref="MessageCatalogueAttribute"/> in this assembly
/// (one class per area, e.g. <c>DateMessages</c>). The staff and public pages add their own words to it.
/// </summary>
public static class Catalogue
{
    private static readonly Lazy<FrozenDictionary<string, MessageText>> Entries = new(Collect);

    /// <summary>Every entry, by code.</summary>
    public static FrozenDictionary<string, MessageText> All => Entries.Value;

    public static MessageText? Find(string code) => All.GetValueOrDefault(code);

    private static FrozenDictionary<string, MessageText> Collect()
    {
        var entries = new Dictionary<string, MessageText>(StringComparer.Ordinal);
        foreach (var type in typeof(Catalogue).Assembly.GetTypes().Where(t => t.IsDefined(typeof(MessageCatalogueAttribute))))
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(MessageText)))
            {
                var text = (MessageText)field.GetValue(null)!;
                if (!entries.TryAdd(text.Code, text))
                {
                    throw new InvalidOperationException($"message code '{text.Code}' is declared twice ({type.Name}.{field.Name})");
                }
            }
        }
        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>Marks a static class whose <see cref="MessageText"/> fields belong to the catalogue.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MessageCatalogueAttribute : Attribute;
