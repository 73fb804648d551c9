using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace PostPress.CodeGen;

/// <summary>
/// What the runtime's per-call policies need to know of an operation beyond its method and path, from optional spec
/// extensions on the operation (read by <see cref="OperationSurfaceBuilder"/>, written by <see cref="OperationEmitter"/> as
/// an object initializer on the operation's <c>OperationInfo</c>):
/// <list type="bullet">
/// <item><c>x-postpress-account-key: account_id</c>: the query parameter (else top-level body field) naming the account
/// the call acts for: the key of per-account pacing.</item>
/// <item><c>x-postpress-cost: &lt;class&gt;</c>: a cost class, which pacing can be configured by.</item>
/// <item><c>x-postpress-duplicate-error: errors/…</c>: the problem type the API answers for an action already performed;
/// a write whose outcome is unknown may be retried only when its operation declares one.</item>
/// </list>
/// </summary>
internal sealed record OperationTraits(string Tag, string? AccountKey, bool AccountKeyInBody, string? CostClass, string? DuplicateError)
{
    public static OperationTraits Read(JsonObject op, string pointer, string tag, IReadOnlyList<ParameterModel> parameters)
    {
        string? Text(string name)
        {
            if (op[name] is null)
            {
                return null;
            }

            if (op[name] is not JsonValue value || !value.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
            {
                throw new SpecException($"{pointer}/{name}: must be a non-empty string.");
            }

            return text;
        }

        var accountKey = Text("x-postpress-account-key");
        var inBody = false;
        if (accountKey is not null && !parameters.Any(p => p.In == "query" && p.WireName == accountKey))
        {
            if (op["requestBody"] is null)
            {
                throw new SpecException($"{pointer}/x-postpress-account-key: '{accountKey}' is neither a query parameter of the operation nor (it has no request body) a body field.");
            }

            inBody = true;
        }

        var duplicate = Text("x-postpress-duplicate-error");
        return new OperationTraits(tag, accountKey, inBody, Text("x-postpress-cost"), duplicate);
    }

    /// <summary>The object initializer of the operation's <c>OperationInfo</c> (a leading space, or empty).</summary>
    public string Initializer(System.Func<string, string> str)
    {
        var parts = new List<string> { "Tag = " + str(Tag) };
        if (AccountKey is not null)
        {
            parts.Add("AccountKey = " + str(AccountKey));
            if (AccountKeyInBody)
            {
                parts.Add("AccountKeyInBody = true");
            }
        }

        if (CostClass is not null)
        {
            parts.Add("CostClass = " + str(CostClass));
        }

        if (DuplicateError is not null)
        {
            parts.Add("DuplicateError = " + str(DuplicateError));
        }

        return " { " + string.Join(", ", parts) + " }";
    }
}
