using System;
using System.Collections.Generic;
using System.IO;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Emulator;
using Xunit;

namespace PSAri.Tests
{
    public class EventSocketStreamTests
    {
        private sealed class Recorder : MemoryStream
        {
            public List<int> Writes { get; } = new List<int>();
            public override void Write(byte[] buffer, int offset, int count) { Writes.Add(count); base.Write(buffer, offset, count); }
            public override Task WriteAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken c) { Write(buffer, offset, count); return Task.CompletedTask; }
        }

        [Fact]
        public async Task Held_frames_go_out_in_one_write_with_the_first_frame_sent_without_Hold()
        {
            var inner = new Recorder();
            var stream = new EventSocketStream(inner);
            await stream.WriteAsync(new byte[] { 1 }, 0, 1);         // nothing held: straight through
            stream.Hold = true;
            await stream.WriteAsync(new byte[] { 2, 3 }, 0, 2);
            await stream.WriteAsync(new byte[] { 4 }, 0, 1);
            Assert.Equal(new[] { 1 }, inner.Writes);
            stream.Hold = false;
            await stream.WriteAsync(new byte[] { 5 }, 0, 1);
            Assert.Equal(new[] { 1, 4 }, inner.Writes);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, inner.ToArray());
        }

        [Fact]
        public async Task Holding_stops_at_the_limit_and_a_Flush_writes_what_is_held_only_once_Hold_is_cleared()
        {
            var inner = new Recorder();
            var stream = new EventSocketStream(inner) { Hold = true };
            var kib = EventSocketStream.MaxHeldBytes / 1024;
            for (var i = 0; i < kib + 6; i++) await stream.WriteAsync(new byte[1024], 0, 1024);
            Assert.Equal(new[] { kib * 1024 }, inner.Writes);
            await stream.FlushAsync();
            Assert.Equal(new[] { kib * 1024 }, inner.Writes);
            stream.Hold = false;
            await stream.FlushAsync();
            Assert.Equal(new[] { kib * 1024, 6 * 1024 }, inner.Writes);
        }

        [Fact]
        public async Task A_burst_of_WebSocket_frames_costs_one_write_although_the_WebSocket_flushes_after_each_frame()
        {
            var inner = new Recorder();
            var stream = new EventSocketStream(inner);
            using var ws = WebSocket.CreateFromStream(stream, isServer: true, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
            var frame = Encoding.UTF8.GetBytes("{\"type\":\"StasisStart\"}");
            for (var i = 0; i < 100; i++)
            {
                stream.Hold = i < 99; // as EventSocket's writer: held while more frames are queued
                await ws.SendAsync(new ArraySegment<byte>(frame), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            Assert.Equal(new[] { 100 * (frame.Length + 2) }, inner.Writes);
        }
    }
}
