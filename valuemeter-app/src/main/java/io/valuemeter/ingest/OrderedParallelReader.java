package io.valuemeter.ingest;

import io.valuemeter.usage.Outcome;
import io.valuemeter.usage.UsageRecord;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Parses files on worker threads while the calling thread stores what they find, in exactly the
 * order a single thread would: file by file, and within a file line by line. Keeping the order
 * keeps de-duplication deterministic, because among equal rows the first one read wins.
 *
 * <p>Memory stays bounded: at most {@link #FILES_AHEAD} files are parsed ahead of the one being
 * stored, each holding at most {@link #CHUNKS_PER_FILE} chunks of {@link #CHUNK_EVENTS} events.
 */
final class OrderedParallelReader implements AutoCloseable {

  static final int FILES_AHEAD = 4;
  static final int CHUNKS_PER_FILE = 8;
  static final int CHUNK_EVENTS = 1024;

  /** Reads one file into a sink, on a worker thread. */
  interface FileTask {
    void read(Path file, FileSink sink);
  }

  /** The sink a worker writes to: a usage sink that also learns where each file starts. */
  interface FileSink extends UsageSink {
    void startFile(String displayName, String format);
  }

  private final ExecutorService workers;

  OrderedParallelReader(int threads) {
    AtomicInteger number = new AtomicInteger();
    workers =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "valuemeter-reader-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Reads every file with {@code task} and replays the results into {@code target} in file order.
   * An unchecked exception that a task throws is rethrown here, after the results of the files
   * before it.
   */
  void readAll(List<Path> files, FileTask task, FileSink target, Consumer<Path> afterEachFile) {
    Deque<FileChannel> inFlight = new ArrayDeque<>();
    int next = 0;
    while (next < files.size() || !inFlight.isEmpty()) {
      while (next < files.size() && inFlight.size() < FILES_AHEAD) {
        Path file = files.get(next++);
        FileChannel channel = new FileChannel(file);
        workers.execute(() -> channel.produce(task));
        inFlight.add(channel);
      }
      FileChannel done = inFlight.removeFirst();
      done.replayInto(target);
      afterEachFile.accept(done.file);
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  private sealed interface Event {}

  private record StartEvent(String displayName, String format) implements Event {}

  private record RecordEvent(UsageRecord record) implements Event {}

  private record OutcomeEvent(Outcome outcome) implements Event {}

  private record RejectEvent(Rejection rejection) implements Event {}

  private record NoteEvent(String message) implements Event {}

  private record EndEvent(RuntimeException failure) implements Event {}

  /** The events of one file, passed from its worker to the storing thread in chunks. */
  private static final class FileChannel implements FileSink {
    private final BlockingQueue<List<Event>> chunks = new ArrayBlockingQueue<>(CHUNKS_PER_FILE);
    private final Path file;
    private List<Event> chunk = new ArrayList<>(CHUNK_EVENTS);

    FileChannel(Path file) {
      this.file = file;
    }

    void produce(FileTask task) {
      RuntimeException failure = null;
      try {
        task.read(file, this);
      } catch (RuntimeException e) {
        failure = e;
      }
      add(new EndEvent(failure));
      flush();
    }

    void replayInto(FileSink target) {
      while (true) {
        List<Event> events;
        try {
          events = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reading files", e);
        }
        for (Event event : events) {
          if (event instanceof StartEvent start) {
            target.startFile(start.displayName(), start.format());
          } else if (event instanceof RecordEvent record) {
            target.accept(record.record());
          } else if (event instanceof OutcomeEvent outcome) {
            target.acceptOutcome(outcome.outcome());
          } else if (event instanceof RejectEvent reject) {
            target.reject(reject.rejection());
          } else if (event instanceof NoteEvent note) {
            target.note(note.message());
          } else if (event instanceof EndEvent end) {
            if (end.failure() != null) {
              throw end.failure();
            }
            return;
          }
        }
      }
    }

    @Override
    public void startFile(String displayName, String format) {
      add(new StartEvent(displayName, format));
    }

    @Override
    public void accept(UsageRecord record) {
      add(new RecordEvent(record));
    }

    @Override
    public void acceptOutcome(Outcome outcome) {
      add(new OutcomeEvent(outcome));
    }

    @Override
    public void reject(Rejection rejection) {
      add(new RejectEvent(rejection));
    }

    @Override
    public void note(String message) {
      add(new NoteEvent(message));
    }

    private void add(Event event) {
      chunk.add(event);
      if (chunk.size() == CHUNK_EVENTS) {
        flush();
      }
    }

    private void flush() {
      if (chunk.isEmpty()) {
        return;
      }
      try {
        chunks.put(chunk);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading files", e);
      }
      chunk = new ArrayList<>(CHUNK_EVENTS);
    }
  }
}
