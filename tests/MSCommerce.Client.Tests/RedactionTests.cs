using MSCommerce.Client.Http;
using MSCommerce.Stub;

namespace MSCommerce.Client.Tests;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "eyJhbGci")]
    [InlineData("client_secret=" + DemoData.AutomationClientSecret + "&scope=x", DemoData.AutomationClientSecret)]
    [InlineData("{\"access_token\":\"opaque-token-value\",\"expires_in\":3599}", "opaque-token-value")]
    [InlineData("client_assertion=abc.def.ghi&client_id=1", "abc.def.ghi")]
    [InlineData("{\"refresh_token\":\"r3fr3sh\"}", "r3fr3sh")]
    public void Secrets_and_tokens_never_survive_redaction(string text, string secret)
    {
        var redacted = Redaction.Redact(text);

        Assert.DoesNotContain(secret, redacted);
        Assert.Contains("redacted", redacted);
    }
}
