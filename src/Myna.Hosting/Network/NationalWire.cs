using System.Text.Json;
using System.Text.Json.Serialization;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Issuance;

namespace Myna.Hosting.Network;

/// <summary>
/// The bodies of the national API (<c>/national-api/v1</c>), shared by the server and the client. The calling municipality
/// is never in a body: it is the client certificate's (ARCHITECTURE principle 1). Identifiers travel as their digits; an
/// individual number only ever in a body, never in a path or query.
/// </summary>
public static class NationalWire
{
    public const string Prefix = "/national-api/v1";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static readonly JsonSerializerOptions Json = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new Digits<ResidentCode>(c => c.Value, ResidentCode.Parse));
        options.Converters.Add(new Digits<MunicipalityCode>(c => c.Value, MunicipalityCode.Parse));
        options.Converters.Add(new Digits<IndividualNumber>(n => n.Value, IndividualNumber.Parse));
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>An identifier as its digits; a malformed one is a bad request whose text never quotes the value.</summary>
    private sealed class Digits<T>(Func<T, string> write, Func<string, T> parse) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } text ? parse(text) : throw new JsonException(typeof(T).Name + " expected");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(write(value));
    }
}

// One record per operation that has a body (the serial of a card is in the path: it is no personal data).
public sealed record RemakeBody(string Serial, string Reason, string Actor);
public sealed record CertificateWishesBody(bool Signature, bool User, string Actor);
public sealed record DestroyBody(string Reason, string Actor);
public sealed record SetPinsBody(FourDigitPins FourDigitPins, string? SignaturePin, string Actor);
public sealed record LiftSuspensionBody(string Verification, string Actor);
public sealed record AbolishBody(string Reason, bool Superseded, string Actor);
public sealed record EndorseBody(HolderData Holder, string Actor);
public sealed record RenewBody(HolderData Holder, bool Signature, string Actor);
public sealed record RenewAnswer(bool SignaturePinNeeded);
public sealed record ResetPinBody(PinKind Kind, string Pin, string Verification, string Actor);
/// <summary>The card comes to the caller (the destination) from <paramref name="Origin"/>.</summary>
public sealed record ContinueBody(MunicipalityCode Origin, string Serial, HolderData Holder, string Actor);
public sealed record ContinueAbroadBody(MunicipalityCode Responsible, HolderData Attachment, bool SignatureAbroad, DateOnly MovedOn, string Actor);
public sealed record HolderChangedBody(ResidentCode ResidentCode, HolderChange Change, string Note);
public sealed record RevokedCount(int Revoked);
public sealed record AssignBody(IReadOnlyList<ResidentCode> Codes);
public sealed record NumbersAnswer(IReadOnlyList<IndividualNumber> Numbers);
public sealed record ChangeBody(ResidentCode ResidentCode);
public sealed record NumberAnswer(IndividualNumber Number);
/// <summary>The resident moved in at the caller (the destination) from <paramref name="Origin"/>.</summary>
public sealed record MovedBody(MunicipalityCode Origin, ResidentCode ResidentCode);
public sealed record AcceptCheckpointBody(AuditCheckpoint Checkpoint, string Reason);

/// <summary>The problem codes of the transport itself (not of a contract): the caller's certificate, the idempotency key.</summary>
public static class NetworkProblems
{
    /// <summary>A body names a municipality other than the client certificate's.</summary>
    public const string MunicipalityMismatch = "network.municipality-mismatch";

    public const string IdempotencyKeyMissing = "network.idempotency-key-missing";

    /// <summary>The key was used before for another operation, municipality or body.</summary>
    public const string IdempotencyKeyReused = "network.idempotency-key-reused";

    /// <summary>A call with this key is still being served; retry later.</summary>
    public const string InProgress = "network.in-progress";

    public const string BadBody = "network.bad-body";
}
