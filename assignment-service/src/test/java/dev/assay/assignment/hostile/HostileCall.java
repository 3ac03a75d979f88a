package dev.assay.assignment.hostile;

import com.google.protobuf.Message;
import dev.assay.assignment.support.AssignmentReplica;
import java.util.List;
import java.util.function.Function;

/**
 * One generated request and how to send it.
 *
 * @param rpc the method's name
 * @param isWrite whether the method writes, so a failed call must leave the store unchanged
 * @param request the request, for the report when a case fails
 * @param send sends it to a replica and returns the answers (one, or a stream's)
 */
record HostileCall(
    String rpc,
    boolean isWrite,
    Message request,
    Function<AssignmentReplica, List<? extends Message>> send) {

  /** The method and the start of the request: enough to reproduce without a megabyte of text. */
  @Override
  public String toString() {
    String text = request.toString().replace('\n', ' ');
    return rpc + " " + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
  }
}
