namespace PostPress;

/// <summary>
/// What the client does when a 2xx response carries something this SDK does not know (schema drift): a field the API
/// description it was built from does not declare, a value of an extensible enum it does not know, or a union variant
/// it does not know. The data is kept in every mode but <see cref="Strict"/> (README, "Schema drift").
/// </summary>
public enum PostPressResponseValidation
{
    /// <summary>Nothing is checked (a single comparison per call).</summary>
    Off = 0,

    /// <summary>
    /// The default. Each drift is logged once per client and (kind, model, field) as event 7 <c>PostPressSchemaDrift</c>
    /// (Warning, category <c>PostPress.Client</c>) and counted on <c>postpress.client.schema_drift</c>; the response is
    /// returned as usual. Nothing is checked when neither a logger nor a metrics listener would see it.
    /// </summary>
    Report = 1,

    /// <summary>A drifted response fails with a <see cref="PostPressSerializationException"/> naming the kind, model and JSON path.</summary>
    Strict = 2,
}
