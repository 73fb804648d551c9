using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PostPress.Benchmarks.Scenarios;
using PostPress.Models;
using K = PostPress.Benchmarks.KiotaClient.Models;

namespace PostPress.Benchmarks.Infrastructure;

/// <summary>
/// Before anything is timed: every client must decode every scenario completely (same counts, same variants), so
/// that the benchmarks compare equal work. Any mismatch fails the run (exit code 1).
/// </summary>
internal static class Checks
{
    private static readonly Dictionary<string, string> VariantByType = new(StringComparer.Ordinal)
    {
        ["MOBILE"] = "MobileAccount", ["MAIL"] = "MailAccount", ["GOOGLE_OAUTH"] = "GoogleOAuthAccount",
        ["ICLOUD"] = "ICloudAccount", ["OUTLOOK"] = "OutlookAccount", ["GOOGLE_CALENDAR"] = "GoogleCalendarAccount",
        ["WHATSAPP"] = "WhatsAppAccount", ["LINKEDIN"] = "LinkedInAccount", ["SLACK"] = "SlackAccount",
        ["TWITTER"] = "TwitterAccount", ["EXCHANGE"] = "ExchangeAccount", ["TELEGRAM"] = "TelegramAccount",
        ["INSTAGRAM"] = "InstagramAccount", ["MESSENGER"] = "MessengerAccount",
    };

    public static async Task<List<string>> RunAsync(TextWriter log)
    {
        var failures = new List<string>();
        void Check(bool ok, string what)
        {
            if (!ok)
            {
                failures.Add(what);
            }
        }

        // A
        var a = new A_Profile();
        a.Setup();
        try
        {
            log.WriteLine($"check: A profile payload {a.PayloadBytes:N0} bytes");
            foreach (var (name, p) in new[] { ("Newtonsoft", await a.Newtonsoft()), ("STJ", await a.StjSourceGen()) })
            {
                Check(p.WorkExperience?.Count == 50 && p.Skills?.Count == 100 && p.RecruitingActivity?.Count == 20, $"A {name}: counts");
                Check(p.RecruitingActivity?.Select(x => x.Event).Distinct().Count() == 10, $"A {name}: 10 activity events");
                Check(p.Recommendations?.Received?.Count == 3 && p.Notes?[0].Author.SeatId == "seat_1", $"A {name}: nested objects");
            }

            var k = (await a.Kiota())?.LinkedInUserProfile;
            Check(k?.WorkExperience?.Count == 50 && k.Skills?.Count == 100 && k.RecruitingActivity?.Count == 20, "A Kiota: counts");
            Check(k?.Recommendations?.Received?.Count == 3, "A Kiota: nested objects");

            var s = await a.Sdk() as LinkedInUserProfile;
            Check(s?.WorkExperience?.Count == 50 && s.Skills?.Count == 100 && s.RecruitingActivity?.Count == 20, "A SDK: counts");
            Check(s?.RecruitingActivity?.Select(x => x.GetType()).Distinct().Count() == 6, "A SDK: the 6 activity variants");
            Check(s?.Recommendations?.Received?.Count == 3, "A SDK: nested objects");
        }
        finally
        {
            a.Dispose();
        }

        // B
        var b = new B_Accounts();
        b.Setup();
        try
        {
            var sizes = Payloads.AccountTypes.Select(t => Payloads.Account(t).Length).ToList();
            log.WriteLine($"check: B 14 accounts, {sizes.Min():N0} to {sizes.Max():N0} bytes");
            foreach (var type in Payloads.AccountTypes)
            {
                var id = Payloads.AccountIdFor(type);
                var n = await b.NewtonsoftOne(id);
                Check(n.Type == type && n.Id == id && n.Sources.Count == 3 && (n.ConnectionParams.Im ?? (object?)n.ConnectionParams.Mail ?? n.ConnectionParams.Calendar) is not null, $"B Newtonsoft {type}");
                var j = await b.StjOne(id);
                Check(j.Type == type && j.Id == id && j.Sources.Count == 3 && (j.ConnectionParams.Im ?? (object?)j.ConnectionParams.Mail ?? j.ConnectionParams.Calendar) is not null, $"B STJ {type}");
                var k = await b.KiotaOne(id);
                Check(k is not null && typeof(K.Account).GetProperty(VariantByType[type])!.GetValue(k) is not null, $"B Kiota {type}");
                var s = await b.SdkOne(id);
                Check(s.GetType().Name == VariantByType[type] && s.Id == id, $"B SDK {type}: got {s.GetType().Name}");
            }

            Check(await b.Newtonsoft() == 14 && await b.StjSourceGen() == 14 && await b.Kiota() == 14 && await b.Sdk() == 14, "B: 14 accounts per operation");
        }
        finally
        {
            b.Dispose();
        }

        // C
        var c = new C_Relations();
        c.Setup();
        try
        {
            log.WriteLine($"check: C {Payloads.RelationPages} pages, {c.TotalPayloadBytes:N0} bytes in all");
            Check(await c.Newtonsoft() == Payloads.TotalRelations, "C Newtonsoft: 100,000 relations");
            Check(await c.StjSourceGen() == Payloads.TotalRelations, "C STJ: 100,000 relations");
            Check(await c.Kiota() == Payloads.TotalRelations, "C Kiota: 100,000 relations");
            Check(await c.Sdk() == Payloads.TotalRelations, "C SDK: 100,000 relations");
        }
        finally
        {
            c.Dispose();
        }

        // D
        var d = new D_UserAction();
        var bodies = new List<string>();
        d.Setup((_, body) => bodies.Add(Encoding.UTF8.GetString(body)));
        try
        {
            Check((await d.Newtonsoft()).Success, "D Newtonsoft: success");
            Check((await d.StjSourceGen()).Success, "D STJ: success");
            Check((await d.Kiota())?.Success == true, "D Kiota: success");
            Check((await d.Sdk()).Success, "D SDK: success");
            Check(bodies.Count == 4, "D: 4 request bodies, got " + bodies.Count);
            foreach (var body in bodies)
            {
                var ok = body.Contains("\"action\":\"addCandidateToPipeline\"", StringComparison.Ordinal)
                         && body.Contains("\"stage\":\"CONTACTED\"", StringComparison.Ordinal)
                         && body.Contains("\"hiring_project_id\":\"" + Payloads.HiringProjectId + "\"", StringComparison.Ordinal)
                         && body.Contains("\"api\":\"recruiter\"", StringComparison.Ordinal);
                Check(ok, "D: request body " + body);
            }

            log.WriteLine($"check: D response {Payloads.ActionResult.Length} bytes");
        }
        finally
        {
            d.Dispose();
        }

        foreach (var f in failures)
        {
            log.WriteLine("check FAILED: " + f);
        }

        log.WriteLine(failures.Count == 0 ? "check: every client decodes every scenario completely" : $"check: {failures.Count} failure(s)");
        return failures;
    }
}
