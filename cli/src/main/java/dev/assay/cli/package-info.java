/**
 * The {@code assay} command line. {@link dev.assay.cli.AssayCli#main} wires the tree; {@link
 * dev.assay.cli.AssayCommand} holds what every command shares (connection options, clock,
 * randomness, exit codes).
 *
 * <p>Adding a command: one package per feature ({@code tokens}, {@code audit}, ...) with a group
 * command that lists its subcommands (added to {@code AssayCommand}'s {@code subcommands}); each
 * leaf extends {@link dev.assay.cli.AssaySubcommand}, opens a {@link
 * dev.assay.cli.connection.Connection} to the service it needs with {@code connect(AssayService)},
 * prepares stubs with {@code read}, {@code write} (adds the audit reason) or {@code stream}, prints
 * with {@link dev.assay.cli.output.TextTable} or {@link dev.assay.cli.output.ProtoJson} under
 * {@link dev.assay.cli.output.OutputOptions}, and lets a failed call's {@code
 * StatusRuntimeException} propagate: {@link dev.assay.cli.output.FailureReport} prints it in one
 * line and exits 1 (refused) or 2 (unavailable). Bad local input is {@code badInput(...)}, a {@code
 * ParameterException} (exit 1, nothing sent). {@code HelpTest} walks the tree, so a new command's
 * {@code --help} is tested without listing it.
 */
package dev.assay.cli;
