using System.Net;
using MSCommerce.Stub;
using MSCommerce.Stub.Hosting;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// Entra-like lockout at the token endpoint: wrong client secrets in a row lock the app's secret
/// sign-ins (AADSTS50053, the right secret included) for a while of the service's clock; --no-lockout
/// turns it off. Each test has a service of its own, since it moves the clock and locks the demo app.
/// </summary>
public sealed class SecretLockoutTests
{
    private const string Scope = "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default";

    [Fact]
    public async Task Ten_wrong_secrets_lock_the_app_out_and_the_right_secret_is_refused_with_AADSTS50053_until_the_lockout_ends_on_the_services_clock()
    {
        await MemoryLimitTests.WithServiceAsync(_ => { }, async service =>
        {
            var wrong = new List<string>();
            for (var i = 0; i < ServiceSettings.DefaultLockoutThreshold; i++)
            {
                wrong.Add(await SignInAsync(service, "wrong"));
            }

            var lockedRight = await SignInAsync(service, DemoData.AutomationClientSecret);
            var lockedWrong = await SignInAsync(service, "wrong");
            var otherApp = await SignInAsync(service, DemoData.ReportingClientSecret, DemoData.ReportingClientId);
            await service.Admin.PostAsync("_admin/clock", new { advanceSeconds = ServiceSettings.DefaultLockoutDuration.TotalSeconds - 5 });
            var almost = await SignInAsync(service, DemoData.AutomationClientSecret);
            await service.Admin.PostAsync("_admin/clock", new { advanceSeconds = 6 });
            var after = await SignInAsync(service, DemoData.AutomationClientSecret);

            Assert.All(wrong, answer => Assert.StartsWith("401 invalid_client AADSTS7000215:", answer));
            Assert.StartsWith("400 invalid_client AADSTS50053:", lockedRight);
            Assert.Matches("Try again in (59|60) seconds", lockedRight);
            Assert.StartsWith("400 invalid_client AADSTS50053:", lockedWrong);
            Assert.Equal("200", otherApp);
            Assert.StartsWith("400 invalid_client AADSTS50053:", almost);
            Assert.Equal("200", after);
        });
    }

    [Fact]
    public async Task A_right_secret_starts_the_count_again_and_so_does_a_pause_longer_than_the_lockout()
    {
        await MemoryLimitTests.WithServiceAsync(options => options.LockoutThreshold = 3, async service =>
        {
            await SignInAsync(service, "wrong");
            await SignInAsync(service, "wrong");
            var right = await SignInAsync(service, DemoData.AutomationClientSecret);
            await SignInAsync(service, "wrong");
            await SignInAsync(service, "wrong");
            await service.Admin.PostAsync("_admin/clock", new { advanceSeconds = 61 });
            var third = await SignInAsync(service, "wrong");
            var stillOpen = await SignInAsync(service, DemoData.AutomationClientSecret);

            Assert.Equal("200", right);
            Assert.StartsWith("401 invalid_client AADSTS7000215:", third);
            Assert.Equal("200", stillOpen);
        });
    }

    [Fact]
    public async Task The_threshold_and_duration_come_from_the_command_line_and_no_lockout_turns_it_off()
    {
        var parsed = CommerceServiceOptions.FromArguments(["--lockout-threshold", "2", "--lockout-seconds", "300"]);
        var off = CommerceServiceOptions.FromArguments(["--no-lockout"]);
        Assert.Equal(2, parsed.LockoutThreshold);
        Assert.Equal(TimeSpan.FromSeconds(300), parsed.LockoutDuration);

        await MemoryLimitTests.WithServiceAsync(options => options.LockoutThreshold = off.LockoutThreshold, async service =>
        {
            for (var i = 0; i < 3 * ServiceSettings.DefaultLockoutThreshold; i++)
            {
                Assert.StartsWith("401 invalid_client AADSTS7000215:", await SignInAsync(service, "wrong"));
            }

            Assert.Equal("200", await SignInAsync(service, DemoData.AutomationClientSecret));
        });

        await MemoryLimitTests.WithServiceAsync(options => { options.LockoutThreshold = parsed.LockoutThreshold; options.LockoutDuration = parsed.LockoutDuration; }, async service =>
        {
            await SignInAsync(service, "wrong");
            await SignInAsync(service, "wrong");
            await service.Admin.PostAsync("_admin/clock", new { advanceSeconds = 299 });
            var locked = await SignInAsync(service, DemoData.AutomationClientSecret);
            await service.Admin.PostAsync("_admin/clock", new { advanceSeconds = 2 });

            Assert.StartsWith("400 invalid_client AADSTS50053:", locked);
            Assert.Equal("200", await SignInAsync(service, DemoData.AutomationClientSecret));
        });
    }

    /// <summary>"200", or the status, the OAuth error and the description of the refusal.</summary>
    private static async Task<string> SignInAsync(ServiceFixture service, string secret, string clientId = DemoData.AutomationClientId)
    {
        using var response = await service.Http.PostAsync($"{DemoData.ContosoDomain}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = Scope,
        }));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return "200";
        }

        var answer = await ServiceFixture.JsonAsync(response);
        return $"{(int)response.StatusCode} {answer.Text("error")} {answer.Text("error_description")}";
    }
}
