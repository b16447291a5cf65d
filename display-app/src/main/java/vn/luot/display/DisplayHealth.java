package vn.luot.display;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import vn.luot.core.health.DeviceHealth;
import vn.luot.core.health.Heartbeat;
import vn.luot.core.sync.ClockTrust;
import vn.luot.display.board.BoardStatus;
import vn.luot.display.board.CounterBoard;
import vn.luot.display.voice.AudioSink;
import vn.luot.display.voice.Announcer;

/** The display device's heartbeat: its LED boards, its voice output, its clock, disk and machine. */
final class DisplayHealth {

    private DisplayHealth() {
    }

    static DeviceHealth of(String deviceId, String branchId, Clock clock, ClockTrust trust, Path data,
                           Map<Integer, CounterBoard> boards, Announcer announcer) {
        return DeviceHealth.builder(deviceId, branchId, Heartbeat.Kind.DISPLAY, clock).clockTrust(trust)
                .dataFolder(data)
                .boards(() -> boards.values().stream().map(b -> new Heartbeat.Board(b.counter(), board(b.status())))
                        .toList())
                .voice(() -> announcer.lastResult().map(DisplayHealth::voice).orElse(null))
                .build();
    }

    static Heartbeat.BoardState board(BoardStatus status) {
        return switch (status) {
            case ONLINE -> Heartbeat.BoardState.ONLINE;
            case UNKNOWN -> Heartbeat.BoardState.UNKNOWN;
            // the bus gone, silence and the wrong profile all leave the counter without its number: a person must go
            case NOT_ANSWERING, WRONG_CONTENT, OFFLINE -> Heartbeat.BoardState.NOT_ANSWERING;
        };
    }

    static Heartbeat.Voice voice(AudioSink.PlayResult result) {
        return result == AudioSink.PlayResult.PLAYED || result == AudioSink.PlayResult.WRITTEN
                ? Heartbeat.Voice.READY : Heartbeat.Voice.FAILING;
    }
}
