package dev.assay.cli.power;

import dev.assay.analysis.v1.Alternative;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code two-sided}, {@code greater} or {@code less}, as the contracts' {@link Alternative}. */
public final class Alternatives implements ITypeConverter<Alternative> {
  @Override
  public Alternative convert(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "two-sided" -> Alternative.ALTERNATIVE_TWO_SIDED;
      case "greater" -> Alternative.ALTERNATIVE_GREATER;
      case "less" -> Alternative.ALTERNATIVE_LESS;
      default ->
          throw new TypeConversionException("'" + value + "' is not two-sided, greater or less");
    };
  }
}
