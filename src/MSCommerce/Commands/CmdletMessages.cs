using System;
using System.Collections.Concurrent;
using System.Threading;
using MSCommerce.Client.Http;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Messages produced on worker threads (HTTP narration, MSAL's log, the device-code prompt),
    /// queued until the pipeline thread writes them: PowerShell allows Write* on that thread only.
    /// </summary>
    internal sealed class CmdletMessages : IHttpCallObserver
    {
        private readonly ConcurrentQueue<Action> _pending = new ConcurrentQueue<Action>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private readonly Action<string> _verbose;
        private readonly Action<string> _debug;

        public CmdletMessages(Action<string> verbose, Action<string> debug, bool wantsDebug)
        {
            _verbose = verbose;
            _debug = debug;
            WantsDebug = wantsDebug;
        }

        public bool WantsDebug { get; }

        public void OnCall(HttpCallEvent call) => Post(() => _verbose(call.ToString()));

        public void OnDebug(string message)
        {
            var redacted = Redaction.Redact(message);
            Post(() => _debug(redacted));
        }

        public void Post(Action write)
        {
            _pending.Enqueue(write);
            _signal.Release();
        }

        /// <summary>Writes what is queued, waiting up to the timeout for something to arrive.</summary>
        public void Drain(TimeSpan wait)
        {
            if (_signal.Wait(wait))
            {
                _signal.Release();
            }

            while (_pending.TryDequeue(out var write))
            {
                _signal.Wait(0);
                write();
            }
        }
    }
}
