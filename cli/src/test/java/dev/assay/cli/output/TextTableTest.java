package dev.assay.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextTableTest {
  private static String print(TextTable table) {
    StringWriter out = new StringWriter();
    table.print(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void columnsAlignOnTheWidestCell() {
    TextTable table = new TextTable("ID", "NAME", "STATE");
    table.add("1", "a long name", "active");
    table.add("12345", "b", "revoked");
    assertEquals(
        "ID     NAME         STATE\n1      a long name  active\n12345  b            revoked\n",
        print(table).replace(System.lineSeparator(), "\n"));
  }

  @Test
  void controlCharactersCannotForgeRowsOrEscapeSequences() {
    TextTable table = new TextTable("NAME", "X");
    table.add("evil\nID  fake row\u001b[2J\u202e", "");
    assertEquals(
        "NAME" + " ".repeat(20) + "X\nevil?ID  fake row?[2J?\n",
        print(table).replace(System.lineSeparator(), "\n"));
  }

  @Test
  void aRowMustHaveOneCellPerColumn() {
    assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").add("only one"));
  }
}
