using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MSCommerce.Testing;

/// <summary>
/// An HTTP proxy on loopback that records the host each CONNECT asks for and never opens the tunnel: a test sees
/// where a client would go outside the machine while nothing leaves it. Held connections close when it is disposed.
/// </summary>
public sealed class TunnelRecordingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string> _firstTunnel = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<TcpClient> _held = [];

    public TunnelRecordingProxy()
    {
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>The host:port of the first CONNECT received.</summary>
    public Task<string> FirstTunnel => _firstTunnel.Task;

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(client);
                }

                _ = RecordAsync(client);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task RecordAsync(TcpClient client)
    {
        try
        {
            using var reader = new StreamReader(client.GetStream(), Encoding.ASCII, leaveOpen: true);
            var requestLine = await reader.ReadLineAsync(_stop.Token) ?? "";
            var parts = requestLine.Split(' ');
            if (parts.Length == 3 && parts[0] == "CONNECT")
            {
                _firstTunnel.TrySetResult(parts[1]);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(client => client.Dispose());
        }

        _stop.Dispose();
    }
}
