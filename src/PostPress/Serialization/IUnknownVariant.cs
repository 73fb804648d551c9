using System.Collections.Generic;

namespace PostPress.Serialization;

/// <summary>
/// Implemented by every generated <c>Unknown…</c> union variant (the fallback for a discriminator value this SDK does
/// not know). <see cref="PostPressContractResolver"/> relaxes the base class's required fields for them and records
/// which fields were received, so that an unknown variant never fails to deserialize and re-serializes as it came.
/// </summary>
internal interface IUnknownVariant
{
    /// <summary>The JSON names of the declared fields that were present when the object was read.</summary>
    ISet<string> ReceivedFields { get; }
}
