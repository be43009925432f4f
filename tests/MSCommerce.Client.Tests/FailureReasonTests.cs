using System.Net.Http;
using System.Net.Sockets;
using MSCommerce.Client.Http;

namespace MSCommerce.Client.Tests;

/// <summary>The reason after "could not be reached:" is the innermost message that says something, never an empty one.</summary>
public sealed class FailureReasonTests
{
    [Fact]
    public void The_innermost_message_is_the_reason()
    {
        var error = new HttpRequestException("An error occurred while sending the request.", new IOException("Unable to read data.", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.Equal(new SocketException((int)SocketError.ConnectionRefused).Message, FailureReason.Of(error));
    }

    [Fact]
    public void An_inner_exception_with_an_empty_message_gives_way_to_the_one_around_it()
    {
        var error = new HttpRequestException("An error occurred while sending the request.", new IOException("The response ended prematurely.", new EmptyMessageException()));

        Assert.Equal("The response ended prematurely.", FailureReason.Of(error));
    }

    [Fact]
    public void A_chain_with_no_message_at_all_names_the_exception()
    {
        Assert.Equal("EmptyMessageException, with no message", FailureReason.Of(new EmptyMessageException()));
    }

    private sealed class EmptyMessageException : Exception
    {
        public override string Message => "";
    }
}
