using LeNet.Web;

namespace LeNet.Tests.Web;

public sealed class ListenUrlsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:8080")]
    [InlineData("http://[::1]:5000")]
    [InlineData("https://*:443")]
    [InlineData("http://0.0.0.0:80;http://[::]:80")]
    public void Loopback_IP_addresses_and_explicit_wildcards_are_accepted(string urls) =>
        Assert.Equal(urls.Split(';'), ListenUrls.Parse(urls));

    [Theory]
    [InlineData("http://10.1:5000")]        // a shorthand IPv4 that means 10.0.0.1
    [InlineData("http://example.org:80")]   // Kestrel would listen on every interface
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("")]
    public void Anything_that_could_bind_somewhere_unexpected_is_refused(string urls) =>
        Assert.StartsWith("--urls ", Assert.Throws<LeNetException>(() => ListenUrls.Parse(urls)).Message);
}
