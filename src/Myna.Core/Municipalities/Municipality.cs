using Myna.Core.Identifiers;

namespace Myna.Core.Municipalities;

/// <summary>A municipality served by this host; each has its own database (DOMAIN §0.3).</summary>
public sealed record Municipality(MunicipalityCode Code, string Name, string Prefecture);
