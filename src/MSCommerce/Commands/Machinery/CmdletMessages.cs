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
        private readonly ManualResetEventSlim _signal = new ManualResetEventSlim(false);
        private readonly Action<string> _verbose;
        private readonly Action<string> _debug;
        private readonly RetryNarration _retries = new RetryNarration();

        public CmdletMessages(Action<string> verbose, Action<string> debug, bool wantsDebug)
        {
            _verbose = verbose;
            _debug = debug;
            WantsDebug = wantsDebug;
        }

        public bool WantsDebug { get; }

        public void OnCall(HttpCallEvent call)
        {
            if (!_retries.Hold(call))
            {
                Post(() => _verbose(call.ToString()));
            }
        }

        public void OnDebug(string message)
        {
            var redacted = Redaction.Redact(message);
            Post(() => _debug(redacted));
        }

        public void Post(Action write)
        {
            _pending.Enqueue(write);
            _signal.Set();
        }

        /// <summary>Ends the current wait of <see cref="Drain"/> without a message: the work it waits for is done.</summary>
        public void Wake() => _signal.Set();

        /// <summary>Writes what is queued, first waiting up to the timeout for a message or a <see cref="Wake"/>.</summary>
        public void Drain(TimeSpan wait)
        {
            var undecided = _retries.UntilDecided();
            _signal.Wait(undecided > TimeSpan.Zero && undecided < wait ? undecided : wait);
            _signal.Reset();
            Write(all: false);
        }

        /// <summary>
        /// Writes everything, once the attempts held for a retry decision are decided (a moment at most): the
        /// work they belong to has ended, so an attempt not retried by then is the call's last.
        /// </summary>
        public void Settle()
        {
            for (var undecided = _retries.UntilDecided(); undecided > TimeSpan.Zero; undecided = _retries.UntilDecided())
            {
                Drain(undecided);
            }

            _signal.Reset();
            Write(all: true);
        }

        private void Write(bool all)
        {
            while (_pending.TryDequeue(out var write))
            {
                write();
            }

            foreach (var call in _retries.TakeUndecided(all))
            {
                _verbose(call.ToString());
            }
        }
    }
}
