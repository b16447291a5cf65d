package vn.luot.display.transport;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import vn.luot.display.board.BoardBus;
import vn.luot.display.board.BoardBus.Priority;

/**
 * Whose turn the wire is: at most one holder; CALLs waiting go first, then REFRESHes, each in arrival order.
 * Whoever holds the turn owns the line (the bytes on the wire and the port handle); the bus's state (boards'
 * health, the port's status) is kept apart from it, so a status read never waits behind an exchange.
 */
final class WireTurns {

    private final ReentrantLock turnLock = new ReentrantLock();
    private final Condition changed = turnLock.newCondition();
    private final ArrayDeque<Object> calls = new ArrayDeque<>();
    private final ArrayDeque<Object> refreshes = new ArrayDeque<>();
    /** Calls announced but not yet asking for the wire (still being decided): refreshes wait for them too. */
    private int callsComing;
    private boolean held;

    boolean callsWaiting() {
        turnLock.lock();
        try {
            return !calls.isEmpty() || callsComing > 0;
        } finally {
            turnLock.unlock();
        }
    }

    int waiting() {
        turnLock.lock();
        try {
            return calls.size() + refreshes.size();
        } finally {
            turnLock.unlock();
        }
    }

    void acquire(Priority priority) throws InterruptedException {
        Object me = new Object();
        ArrayDeque<Object> mine = priority == Priority.CALL ? calls : refreshes;
        turnLock.lock();
        try {
            mine.addLast(me);
            try {
                while (held || mine.peekFirst() != me
                        || (mine == refreshes && (!calls.isEmpty() || callsComing > 0))) {
                    changed.await();
                }
            } catch (InterruptedException e) {
                mine.remove(me);
                changed.signalAll();
                throw e;
            }
            mine.removeFirst();
            held = true;
        } finally {
            turnLock.unlock();
        }
    }

    /** As {@link #acquire} with CALL priority, carrying on through interrupts (closing the bus). */
    void acquireUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                acquire(Priority.CALL);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The turn when the wire is free and nobody waits for it; false at once otherwise (the watchdog's check). */
    boolean tryAcquireIdle() {
        turnLock.lock();
        try {
            if (held || !calls.isEmpty() || !refreshes.isEmpty() || callsComing > 0) {
                return false;
            }
            held = true;
            return true;
        } finally {
            turnLock.unlock();
        }
    }

    /** A call is on its way: refreshes hold back until the handle is closed (once; again is harmless). */
    BoardBus.CallAhead callComing() {
        turnLock.lock();
        try {
            callsComing++;
        } finally {
            turnLock.unlock();
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                callDone();
            }
        };
    }

    private void callDone() {
        turnLock.lock();
        try {
            if (callsComing > 0) {
                callsComing--;
            }
            changed.signalAll();
        } finally {
            turnLock.unlock();
        }
    }

    void release() {
        turnLock.lock();
        try {
            held = false;
            changed.signalAll();
        } finally {
            turnLock.unlock();
        }
    }
}
