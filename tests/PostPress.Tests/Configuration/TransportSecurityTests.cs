using System;
using System.IO;
using System.Runtime.Serialization;
using System.Text;
using System.Xml.Serialization;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Configuration;

/// <summary>
/// HTTPS is required except for loopback hosts (explicit opt-out: <see cref="PostPressClientOptions.AllowInsecureTransport"/>);
/// user-info in the base address is rejected without echoing it; no serializer writes the API key.
/// No test here sends a request (constructing the client validates the options).
/// </summary>
public sealed class TransportSecurityTests
{
    private const string Password = "hunter2_pw_9c4d";

    [Theory]
    [InlineData("http://api.postpress.ai/api/v1")]
    [InlineData("http://10.0.0.7:8080/api/v1")]
    [InlineData("http://example.com/")]
    public void Plain_http_to_a_remote_host_is_rejected_naming_BaseUri(string url)
    {
        var options = new PostPressClientOptions(MockApi.ApiKey) { BaseUri = new Uri(url) };

        var ex = Assert.Throws<ArgumentException>(() => new PostPressClient(options));

        Assert.Equal(nameof(PostPressClientOptions.BaseUri), ex.ParamName);
        Assert.Contains("AllowInsecureTransport", ex.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/api/v1")]
    [InlineData("http://127.10.20.30/api/v1")]
    [InlineData("http://localhost:8080/api/v1")]
    [InlineData("http://[::1]:9000/api/v1")]
    [InlineData("https://api.postpress.ai/api/v1")]
    public void Plain_http_to_loopback_and_https_anywhere_are_accepted(string url)
    {
        using var client = new PostPressClient(new PostPressClientOptions(MockApi.ApiKey) { BaseUri = new Uri(url) });

        Assert.Equal(new Uri(url), client.Resolved.Options.BaseUri);
    }

    [Fact]
    public void AllowInsecureTransport_accepts_plain_http_to_a_remote_host()
    {
        // No request is sent: the client is only built.
        var options = new PostPressClientOptions(MockApi.ApiKey) { BaseUri = new Uri("http://api.postpress.ai/api/v1"), AllowInsecureTransport = true };

        using var client = new PostPressClient(options);

        Assert.Equal("http", client.Resolved.Options.BaseUri.Scheme);
        Assert.True(client.Resolved.Options.AllowInsecureTransport);
    }

    [Theory]
    [InlineData("https://admin:" + Password + "@api.postpress.ai/api/v1")]
    [InlineData("http://admin:" + Password + "@127.0.0.1:5000/api/v1")]
    [InlineData("https://" + Password + "@api.postpress.ai/api/v1")]
    public void User_info_in_the_base_address_is_rejected_and_never_echoed(string url)
    {
        var options = new PostPressClientOptions(MockApi.ApiKey) { BaseUri = new Uri(url) };

        var ex = Assert.Throws<ArgumentException>(() => new PostPressClient(options));

        Assert.Equal(nameof(PostPressClientOptions.BaseUri), ex.ParamName);
        Assert.DoesNotContain(Password, ex.ToString());
        Assert.DoesNotContain(Password, options.ToString());
        Assert.Contains("api", options.ToString()); // the rest of the address is still shown

        // A client cannot hold such an address (the options are validated and copied when it is built), so a
        // client's ToString can only show a clean one.
        options.BaseUri = new Uri("https://api.postpress.ai/api/v1");
        using var client = new PostPressClient(options);
        options.BaseUri = new Uri(url);
        Assert.DoesNotContain(Password, client.ToString());
        Assert.DoesNotContain(MockApi.ApiKey, client.ToString());
    }

    private static PostPressClientOptions OptionsWithKey() => new(MockApi.ApiKey)
    {
        BaseUri = new Uri("https://api.postpress.ai/api/v1"),
        MaxRetries = 7,
        ApplicationId = "serialization-app",
    };

    [Fact]
    public void System_Text_Json_does_not_write_the_key()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(OptionsWithKey());

        Assert.Contains("\"MaxRetries\":7", json); // it did serialize the options
        Assert.Contains("serialization-app", json);
        Assert.DoesNotContain(MockApi.ApiKey, json);
        Assert.DoesNotContain("ApiKey", json);
    }

    [Fact]
    public void Newtonsoft_does_not_write_the_key()
    {
        var json = Newtonsoft.Json.JsonConvert.SerializeObject(OptionsWithKey());

        Assert.Contains("\"MaxRetries\":7", json);
        Assert.DoesNotContain(MockApi.ApiKey, json);
        Assert.DoesNotContain("ApiKey", json);
        var back = Newtonsoft.Json.JsonConvert.DeserializeObject<PostPressClientOptions>(json)!;
        Assert.Null(back.ApiKey);
        Assert.Equal(7, back.MaxRetries);
    }

    [Fact]
    public void DataContractSerializer_does_not_write_the_key()
    {
        var serializer = new DataContractSerializer(typeof(PostPressClientOptions));
        using var stream = new MemoryStream();
        serializer.WriteObject(stream, OptionsWithKey());
        var xml = Encoding.UTF8.GetString(stream.ToArray());

        Assert.Contains("<MaxRetries>7</MaxRetries>", xml);
        Assert.DoesNotContain(MockApi.ApiKey, xml);
        Assert.DoesNotContain("ApiKey", xml);
    }

    [Fact]
    public void XmlSerializer_cannot_serialize_the_options_because_BaseUri_is_a_Uri()
    {
        // XmlSerializer needs a public parameterless constructor on every member type; System.Uri has none, so it
        // refuses the type as a whole (before writing anything). ApiKey carries [XmlIgnore] regardless, so it would
        // stay out if the type ever became serializable.
        var ex = Assert.Throws<InvalidOperationException>(() => new XmlSerializer(typeof(PostPressClientOptions)));

        var text = ex.ToString();
        Assert.Contains("System.Uri", text);
        Assert.DoesNotContain(MockApi.ApiKey, text);
        Assert.Single(typeof(PostPressClientOptions).GetProperty(nameof(PostPressClientOptions.ApiKey))!
            .GetCustomAttributes(typeof(XmlIgnoreAttribute), false));
    }
}
