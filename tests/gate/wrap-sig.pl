#!/usr/bin/perl
# wrap-sig.pl MODE SIGNED UNSIGNED > commit
# Commit UNSIGNED (raw, no signature) with a gpgsig header whose armor
# holds the signature of commit SIGNED (raw) and, by MODE, what it
# signed: "siglit" the signature then a literal data packet of SIGNED's
# payload, "litsig" the literal packet first, "marker" a marker packet
# before the signature.  A verifier that took the embedded data for the
# signed text would take SIGNED's approval for UNSIGNED's.
use strict;
use warnings;
use MIME::Base64;

my ($mode, $sf, $uf) = @ARGV;
sub slurp { local $/; open(my $fh, '<', $_[0]) or die "$_[0]: $!"; <$fh> }
my ($hdr, $msg) = split(/\n\n/, slurp($sf), 2);
my (@pay, @sig, $in);
for (split(/\n/, $hdr)) {
	if ($in && /^ (.*)$/) { push @sig, $1; next; }
	$in = 0;
	if (/^gpgsig (.*)$/) { $in = 1; push @sig, $1; next; }
	push @pay, $_;
}
my $payload = join("\n", @pay) . "\n\n" . $msg;
my ($b64, $body) = ('', 0);
for (@sig) {
	if (/^-----/) { next; }
	if (!$body) { $body = 1 if $_ eq ''; next; }
	next if /^=/;
	$b64 .= $_;
}
my $sigpkt = decode_base64($b64);
sub len {
	my ($n) = @_;
	return chr($n) if $n < 192;
	if ($n < 8384) { $n -= 192; return chr(($n >> 8) + 192) . chr($n & 255); }
	return "\xff" . pack('N', $n);
}
sub pkt { my ($tag, $b) = @_; chr(0xC0 | $tag) . len(length $b) . $b }
my $lit = pkt(11, "b\0\0\0\0\0" . $payload);
my $data = $mode eq 'siglit' ? $sigpkt . $lit :
    $mode eq 'litsig' ? $lit . $sigpkt : pkt(10, 'PGP') . $sigpkt;
sub crc24 {
	my $crc = 0xB704CE;
	for my $c (unpack('C*', $_[0])) {
		$crc ^= $c << 16;
		for (1 .. 8) { $crc <<= 1; $crc ^= 0x1864CFB if $crc & 0x1000000; }
	}
	return $crc & 0xFFFFFF;
}
my $a = encode_base64($data, '');
my @arm = ('-----BEGIN PGP SIGNATURE-----', '');
push @arm, substr($a, $_ * 64, 64) for 0 .. int((length($a) - 1) / 64);
push @arm, '=' . encode_base64(substr(pack('N', crc24($data)), 1), '');
push @arm, '-----END PGP SIGNATURE-----';
my ($uh, $um) = split(/\n\n/, slurp($uf), 2);
print $uh, "\ngpgsig ", join("\n ", @arm), "\n\n", $um;
