using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PSAri.Emulator
{
    /// <summary>The TCP stream under an event socket, able to hold writes back: while <see cref="Hold"/> is set
    /// (the writer has more frames queued) frames collect in memory (flushes included), and they go out in one
    /// write with the next frame sent without it. A flood then costs a system call per batch, not per event (bench: emulator).
    /// Reads pass straight through.</summary>
    internal sealed class EventSocketStream : EmulatorPassThroughStream
    {
        // On loopback a flood is bound by the kernel's cost per system call: fewer, larger writes send more.
        internal const int MaxHeldBytes = 256 * 1024;
        private readonly MemoryStream _held = new MemoryStream();
        private volatile bool _hold;

        public EventSocketStream(Stream inner) : base(inner) { }

        /// <summary>Set by the one writer before each send: true while more frames wait behind this one.</summary>
        public bool Hold
        {
            get => _hold;
            set => _hold = value;
        }

        // Writes never overlap: the WebSocket sends one frame at a time (control frames included).
        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (!_hold && _held.Length == 0)
            {
                await Inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                return;
            }
            _held.Write(buffer, offset, count);
            if (_hold && _held.Length < MaxHeldBytes) return;
            await Inner.WriteAsync(_held.GetBuffer(), 0, (int)_held.Length, cancellationToken).ConfigureAwait(false);
            _held.SetLength(0);
        }

        // .NET's WebSocket flushes after every frame it sends; while held, that flush must not write the held
        // frames (it did, so every flood event cost a system call: ~200,000 events/s instead of ~700,000).
        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_hold) return;
            if (_held.Length > 0)
            {
                await Inner.WriteAsync(_held.GetBuffer(), 0, (int)_held.Length, cancellationToken).ConfigureAwait(false);
                _held.SetLength(0);
            }
            await Inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
