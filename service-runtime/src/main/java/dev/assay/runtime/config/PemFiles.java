package dev.assay.runtime.config;

import io.grpc.util.CertificateUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Reads the PEM files that TLS settings name, so that a file that cannot serve fails start-up with
 * one line naming the setting, instead of a handshake failing later. Certificates are X.509 PEM
 * ({@code BEGIN CERTIFICATE}, a chain leaf first); private keys are unencrypted PKCS#8 PEM ({@code
 * BEGIN PRIVATE KEY}), RSA or EC, which is what grpc-java's {@code CertificateUtils} (and so the
 * certificate reloading) reads. PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), SEC1 ({@code BEGIN EC
 * PRIVATE KEY}) and encrypted keys are refused with the {@code openssl} command that converts them.
 */
public final class PemFiles {
  private PemFiles() {}

  /** The bytes of a file a setting names, or a readable failure naming the setting. */
  public static byte[] read(String flag, Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      throw InvalidSettingsException.forSetting(
          flag, "cannot be read: " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The certificates of a PEM file, in file order (a chain: leaf first).
   *
   * @throws InvalidSettingsException naming {@code flag} if the file is unreadable or holds none
   */
  public static List<X509Certificate> certificates(String flag, Path file) {
    return certificates(flag, file, read(flag, file));
  }

  /** The certificates of {@code pem}, the content of {@code file}. */
  public static List<X509Certificate> certificates(String flag, Path file, byte[] pem) {
    if (!new String(pem, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
      throw InvalidSettingsException.forSetting(
          flag, "holds no PEM certificate (-----BEGIN CERTIFICATE-----): " + file);
    }
    try {
      X509Certificate[] certificates =
          CertificateUtils.getX509Certificates(new ByteArrayInputStream(pem));
      if (certificates.length == 0) {
        throw new CertificateException("no certificate");
      }
      return List.of(certificates);
    } catch (CertificateException | RuntimeException e) {
      throw InvalidSettingsException.forSetting(
          flag, "is not a valid PEM certificate file: " + file);
    }
  }

  /**
   * The private key of a PEM file.
   *
   * @throws InvalidSettingsException naming {@code flag} if the file is unreadable or holds no
   *     unencrypted PKCS#8 RSA or EC key
   */
  public static PrivateKey privateKey(String flag, Path file) {
    return privateKey(flag, file, read(flag, file));
  }

  /** The private key of {@code pem}, the content of {@code file}. */
  public static PrivateKey privateKey(String flag, Path file, byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    String convert = "; convert it: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8.pem";
    if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
      throw InvalidSettingsException.forSetting(
          flag,
          "is a PKCS#1 key (BEGIN RSA PRIVATE KEY), PKCS#8 is needed" + convert + ": " + file);
    }
    if (text.contains("-----BEGIN EC PRIVATE KEY-----")) {
      throw InvalidSettingsException.forSetting(
          flag, "is a SEC1 key (BEGIN EC PRIVATE KEY), PKCS#8 is needed" + convert + ": " + file);
    }
    if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw InvalidSettingsException.forSetting(
          flag, "is encrypted; an unencrypted PKCS#8 key is needed" + convert + ": " + file);
    }
    if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
      throw InvalidSettingsException.forSetting(
          flag, "holds no PEM private key (-----BEGIN PRIVATE KEY-----): " + file);
    }
    try {
      return CertificateUtils.getPrivateKey(new ByteArrayInputStream(pem));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw InvalidSettingsException.forSetting(
          flag, "is not a valid PKCS#8 RSA or EC private key: " + file);
    }
  }

  /**
   * Checks that {@code key} belongs to {@code certificate}, by signing with the one and verifying
   * with the other.
   *
   * @throws InvalidSettingsException naming {@code keyFlag} if it does not
   */
  public static void checkPair(
      String keyFlag, PrivateKey key, String certFlag, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default ->
              throw InvalidSettingsException.forSetting(
                  keyFlag, "is a " + key.getAlgorithm() + " key; RSA or EC is needed");
        };
    byte[] probe = "assay key pair check".getBytes(StandardCharsets.US_ASCII);
    boolean matches;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw InvalidSettingsException.forSetting(
          keyFlag, "does not hold the private key of the first certificate in " + certFlag);
    }
  }
}
