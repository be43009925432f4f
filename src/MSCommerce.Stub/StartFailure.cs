using System.Net.Sockets;

namespace MSCommerce.Stub;

/// <summary>Why the service could not start, in one line a person can act on; null for a failure that is a bug (its stack trace is then worth seeing).</summary>
internal static class StartFailure
{
    public static string? Describe(Exception error, CommerceServiceOptions options)
    {
        if (Find<SocketException>(error) is { SocketErrorCode: SocketError.AddressAlreadyInUse } || error.GetType().Name == "AddressInUseException")
        {
            return $"The local commerce service cannot listen on {options.Urls}: the port is in use. Stop what uses it, or choose another port with --urls (port 0 picks a free one).";
        }

        if (Find<SocketException>(error) is { SocketErrorCode: SocketError.AddressNotAvailable or SocketError.AccessDenied } refused)
        {
            return $"The local commerce service cannot listen on {options.Urls}: {refused.Message}. Choose another address with --urls, e.g. https://127.0.0.1:5443.";
        }

        if (Find<UnauthorizedAccessException>(error) is { } denied)
        {
            return $"The local commerce service cannot open its files beside {options.DatabasePath}: {denied.Message} Choose a folder you may write with --db.";
        }

        return null;
    }

    private static T? Find<T>(Exception? error) where T : Exception
    {
        for (; error != null; error = error.InnerException)
        {
            if (error is T found)
            {
                return found;
            }
        }

        return null;
    }
}
