using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using PostPress.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace PostPress.Evolution.Tests;

/// <summary>
/// <c>deprecated: true</c> in the spec copy (tests/evolution/paths.yaml, schemas.yaml: tag Legacy, model LegacyNote)
/// becomes <c>[Obsolete("…")]</c> on the generated members, and the deprecated members still work.
/// </summary>
public sealed class DeprecationTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Dispose();

    private static string? Message(MemberInfo member) => member.GetCustomAttribute<ObsoleteAttribute>()?.Message;

    /// <summary>The method's overloads (with and without per-call options): two of each, never none.</summary>
    private static MethodInfo[] Overloads(Type type, string name)
    {
        var methods = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Where(type.GetMethods(), m => m.Name == name));
        Assert.Equal(2, methods.Length);
        return methods;
    }

    [Theory]
    [InlineData(typeof(ILegacyResource))]
    [InlineData(typeof(LegacyResource))]
    public void Deprecated_operations_carry_Obsolete_with_the_specs_text_on_every_generated_method(Type type)
    {
        // Every overload: the plain one and the one taking PostPressRequestOptions.
        foreach (var name in new[] { "ListLegacyNotesAsync", "ListLegacyNotesWithResponseAsync", "ListAllLegacyNotesAsync" })
        {
            Assert.All(Overloads(type, name), m => Assert.Equal("Lists the notes of the old notes API.", Message(m)));
        }

        Assert.All(Overloads(type, "GetLegacyNoteAsync"), m => Assert.Equal("Use \"getDocument\" instead.", Message(m)));
        Assert.All(Overloads(type, "GetLegacyNoteWithResponseAsync"), m => Assert.Equal("Use \"getDocument\" instead.", Message(m)));
        Assert.All(Overloads(type, "CreateLegacyNoteAsync"), m => Assert.Null(Message(m)));
        Assert.All(Overloads(type, "CreateLegacyNoteWithResponseAsync"), m => Assert.Null(Message(m)));
    }

    [Fact]
    public void A_deprecated_option_and_deprecated_model_properties_carry_Obsolete()
    {
        Assert.Equal("Deprecated by the postpress API.", Message(typeof(LegacyNoteOptions).GetProperty("Fields")!));
        Assert.Null(Message(typeof(LegacyNoteOptions).GetProperty("Lang")!));
        Assert.Null(Message(typeof(LegacyNote).GetProperty("Title")!));
        Assert.Equal("The former title.", Message(typeof(LegacyNote).GetProperty("OldTitle")!));
        Assert.Equal("Colors are gone.", Message(typeof(LegacyNote).GetProperty("Color")!));
        Assert.Equal("Deprecated by the postpress API.", Message(typeof(LegacyNote).GetProperty("Owner")!));
        Assert.Null(Message(typeof(LegacyNote)));
    }

#pragma warning disable CS0618 // the deprecated members are exercised on purpose
    [Fact]
    public async Task Deprecated_members_still_travel_on_the_wire()
    {
        _server.Given(Request.Create().WithPath("/api/v1/legacy/notes/n1").UsingGet().WithParam("fields", "all").WithParam("lang", "fr"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"title\":\"t\",\"old_title\":\"o\",\"color\":null}"));
        _server.Given(Request.Create().WithPath("/api/v1/legacy/notes").UsingPost().WithParam("notify", "true"))
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("{\"title\":\"t2\",\"old_title\":\"o2\"}"));
        using var client = new PostPressClient(new PostPressClientOptions("pp_evolution_key") { BaseUri = new Uri(_server.Url + "/api/v1"), MaxRetries = 0 });

        var note = await client.Legacy.GetLegacyNoteAsync("n1", new LegacyNoteOptions { Fields = "all", Lang = "fr" });
        Assert.Equal("o", note.OldTitle);
        Assert.Null(note.Color);

        var created = await client.Legacy.CreateLegacyNoteAsync(new LegacyNote { Title = "t2", OldTitle = "o2" }, notify: true);
        Assert.Equal("o2", created.OldTitle);
        var sent = _server.LogEntries.Single(e => e.RequestMessage.Method == "POST").RequestMessage.Body!;
        Assert.Contains("\"old_title\":\"o2\"", sent, StringComparison.Ordinal);
    }
#pragma warning restore CS0618
}
